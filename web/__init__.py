"""The web layer: every page of the site, grouped by who uses it (see apps.py)."""
