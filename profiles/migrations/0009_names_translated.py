"""Field-of-study names in every language (django-modeltranslation)."""

from django.db import migrations, models

COPIES = [("profiles.FieldOfStudy", "name")]


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
        ("profiles", "0008_graduate_time_zone"),
    ]

    operations = [
        migrations.AddField(
            model_name="fieldofstudy",
            name="name_en",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="fieldofstudy",
            name="name_ind",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="fieldofstudy",
            name="name_ko",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="fieldofstudy",
            name="name_th",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="fieldofstudy",
            name="name_vi",
            field=models.CharField(max_length=120, null=True),
        ),
        migrations.RunPython(base_names_copy, migrations.RunPython.noop),
    ]
