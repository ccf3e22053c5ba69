"""The checks behind skills/data/check_taxonomy.py, one module per part of the data.

Standard library only, like the script. The script reaches this package by its own name (its
folder is first on sys.path), not as `skills.data.taxonomy_checks`, so the modules here import
each other relatively: that works whichever way the package is reached.
"""
