"""Write visas/data_labels.py: the rule data's own words, for makemessages.

python manage.py build_visa_data_labels
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from visas.fixture_build.labels import data_labels_module
from visas.services import VISA_RULES_FIXTURE

TARGET = Path(__file__).resolve().parents[2] / "data_labels.py"


class Command(BaseCommand):
    help = "Write visas/data_labels.py from visas/data/visa_rules.json (for the catalogues)."

    def handle(self, *args: Any, **options: Any) -> None:
        TARGET.write_text(data_labels_module(VISA_RULES_FIXTURE), encoding="utf-8")
        self.stdout.write(f"Wrote {TARGET}")
