"""Every page of the site and the reads that combine apps for a page (ARCHITECTURE.md)."""
