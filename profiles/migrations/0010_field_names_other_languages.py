"""Field-of-study names in Korean, Vietnamese, Indonesian and Thai
(profiles/data/field_of_study_names.json, drafts to be reviewed by native speakers)."""

import json
from pathlib import Path

from django.db import migrations

NAMES = Path(__file__).resolve().parents[1] / "data" / "field_of_study_names.json"
COLUMNS = {"ko": "name_ko", "vi": "name_vi", "id": "name_ind", "th": "name_th"}


def names_write(apps, schema_editor):
    names = json.loads(NAMES.read_text(encoding="utf-8"))["fields"]
    FieldOfStudy = apps.get_model("profiles", "FieldOfStudy")
    for field in FieldOfStudy.objects.filter(code__in=names):
        for language, name in names[field.code].items():
            setattr(field, COLUMNS[language], name)
        field.save()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0009_names_translated")]
    operations = [migrations.RunPython(names_write, migrations.RunPython.noop)]
