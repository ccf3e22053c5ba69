"""Pages anyone may see: home, job search, job pages, courses, the visa checker."""
