"""The Flask contenders: one ``create_app()`` per module, the same six endpoints."""
