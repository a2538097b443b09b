"""A Django project of failures, for the Django end-to-end tests under every server kind."""
