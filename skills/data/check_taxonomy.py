#!/usr/bin/env python3
"""Validate skills/data/taxonomy.json and skills/data/occupations.json.

Standard library only. Run from anywhere:

    python3 skills/data/check_taxonomy.py [--data-dir DIR]

Prints a short summary and exits 0 when every rule holds; otherwise prints one line per
violation and exits 1. The checks live beside this script in taxonomy_checks/, one module per
part of the data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path, so the package beside it imports
# by its own name from wherever the script is started.
from taxonomy_checks.attribution import check_about
from taxonomy_checks.categories import check_categories
from taxonomy_checks.checker import Checker, load_json
from taxonomy_checks.occupations import check_occupations
from taxonomy_checks.relations import check_relations
from taxonomy_checks.skills import check_skills
from taxonomy_checks.summary import summarise

DATA_DIR = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    chk = Checker()
    tax = load_json(args.data_dir / "taxonomy.json", chk)
    occ = load_json(args.data_dir / "occupations.json", chk)
    if chk.errors:
        print("\n".join(chk.errors), file=sys.stderr)
        return 1

    check_about(tax, chk)
    categories = check_categories(tax, chk)
    skill_category = check_skills(tax, categories, chk)
    relation_count = check_relations(tax, set(skill_category), chk)
    check_occupations(occ, skill_category, chk)

    if chk.errors:
        print(f"FAILED: {len(chk.errors)} problem(s)", file=sys.stderr)
        for error in chk.errors:
            print(f"  - {error}", file=sys.stderr)
        return 1
    print(summarise(tax, occ, relation_count))
    print("OK: taxonomy.json and occupations.json pass all checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
