"""Hidden checks and instructor tools for the "Deep learning computation" course."""
