"""A Django REST framework shop written the way real projects are, for the adoption tests."""
