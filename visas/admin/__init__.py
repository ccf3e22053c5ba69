"""Admin for the visa rules: administrators correct dated, sourced rules here without a deploy.

Each page edits one row. A row's parts (a visa's criteria, a table's points items) are listed as
short tables that link to their own pages instead of nested inlines: a visa holds hundreds of
criteria, and an inline row per criterion with its sources made pages thousands of pixels wide.
Validation comes from the models (constraints and clean()), shown on the page being saved.
"""

from visas.admin import points, rules

__all__ = ["points", "rules"]
