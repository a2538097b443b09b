"""The example Django project: the same endpoints as the Flask app."""
