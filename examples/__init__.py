"""Two example APIs, one Flask and one Django, with the same endpoints."""
