"""Skill and category names in every language (django-modeltranslation)."""

from django.db import migrations, models

COPIES = [("skills.Skill", "name"), ("skills.SkillCategory", "name")]


def base_names_copy(apps, schema_editor):
    """The English name is the base: copy it into the English column; an empty Korean name
    becomes NULL (empty translations fall back to English, and NULLs do not clash as unique)."""
    for model, field in COPIES:
        Model = apps.get_model(*model.split("."))
        for row in Model.objects.all():
            setattr(row, f"{field}_en", getattr(row, field))
            if getattr(row, f"{field}_ko", None) == "":
                setattr(row, f"{field}_ko", None)
            row.save()


class Migration(migrations.Migration):
    dependencies = [
        ("skills", "0001_taxonomy"),
    ]

    operations = [
        migrations.AlterField(
            model_name="skill",
            name="name_ko",
            field=models.CharField(max_length=120, null=True, blank=True),
        ),
        migrations.AlterField(
            model_name="skillcategory",
            name="name_ko",
            field=models.CharField(max_length=80, null=True, blank=True),
        ),
        migrations.AddField(
            model_name="skill",
            name="name_en",
            field=models.CharField(max_length=120, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="skill",
            name="name_ind",
            field=models.CharField(max_length=120, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="skill",
            name="name_th",
            field=models.CharField(max_length=120, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="skill",
            name="name_vi",
            field=models.CharField(max_length=120, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="skillcategory",
            name="name_en",
            field=models.CharField(max_length=80, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="skillcategory",
            name="name_ind",
            field=models.CharField(max_length=80, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="skillcategory",
            name="name_th",
            field=models.CharField(max_length=80, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="skillcategory",
            name="name_vi",
            field=models.CharField(max_length=80, null=True, unique=True),
        ),
        migrations.RunPython(base_names_copy, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="skill",
            name="name_ko",
            field=models.CharField(max_length=120, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="skillcategory",
            name="name_ko",
            field=models.CharField(max_length=80, null=True, unique=True),
        ),
    ]
