"""A small Django REST framework project with error-core: the endpoints of ``flask_widgets``."""
