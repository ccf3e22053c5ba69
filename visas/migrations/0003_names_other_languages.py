"""Visa names in Korean, Vietnamese, Indonesian and Thai for databases that hold the visa rules
already (visas/data/visa_names.json; the rules loader writes them for a new database)."""

import json
from pathlib import Path

from django.db import migrations

NAMES = Path(__file__).resolve().parents[1] / "data" / "visa_names.json"
COLUMNS = {"ko": "name_ko", "vi": "name_vi", "id": "name_ind", "th": "name_th"}


def names_write(apps, schema_editor):
    names = json.loads(NAMES.read_text(encoding="utf-8"))["visas"]
    VisaType = apps.get_model("visas", "VisaType")
    for visa in VisaType.objects.filter(code__in=names):
        for language, name in names[visa.code].items():
            setattr(visa, COLUMNS[language], name)
        visa.save()


class Migration(migrations.Migration):
    dependencies = [("visas", "0002_names_translated")]
    operations = [migrations.RunPython(names_write, migrations.RunPython.noop)]
