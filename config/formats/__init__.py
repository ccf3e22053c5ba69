"""Local formats the site changes from Django's (Django reads these first, then its own)."""
