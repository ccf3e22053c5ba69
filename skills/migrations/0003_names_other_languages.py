"""Skill and category names in Korean, Vietnamese, Indonesian and Thai for databases that hold the
taxonomy already (skills/data/names.json; a new database gets them from the taxonomy loader)."""

import json
from pathlib import Path

from django.db import migrations

NAMES = Path(__file__).resolve().parents[1] / "data" / "names.json"
COLUMNS = {"ko": "name_ko", "vi": "name_vi", "id": "name_ind", "th": "name_th"}


def names_write(apps, schema_editor):
    names = json.loads(NAMES.read_text(encoding="utf-8"))
    for model, kind in (("SkillCategory", "categories"), ("Skill", "skills")):
        Model = apps.get_model("skills", model)
        for row in Model.objects.filter(slug__in=names[kind]):
            for language, name in names[kind][row.slug].items():
                if language == "ko" and row.name_ko:
                    continue  # a Korean name kept already stays
                setattr(row, COLUMNS[language], name)
            row.save()


class Migration(migrations.Migration):
    dependencies = [("skills", "0002_names_translated")]
    operations = [migrations.RunPython(names_write, migrations.RunPython.noop)]
