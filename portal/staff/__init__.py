"""The staff dashboard (everything else staff do is in the Django admin)."""
