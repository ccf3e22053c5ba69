"""Course titles in every language (django-modeltranslation); the title given so far becomes
the English (first) title."""

from django.db import migrations, models


def titles_copy(apps, schema_editor):
    Course = apps.get_model("training", "Course")
    Course.objects.update(title_en=models.F("title"))


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0010_field_names_other_languages"),
        ("training", "0002_course_pathways_sponsorship"),
    ]

    operations = [
        migrations.AddField(
            model_name="course",
            name="title_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="course",
            name="title_ind",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="course",
            name="title_ko",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="course",
            name="title_th",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="course",
            name="title_vi",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.UniqueConstraint(
                fields=("provider", "title_en"), name="course_unique_per_provider-en"
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.UniqueConstraint(
                fields=("provider", "title_ko"), name="course_unique_per_provider-ko"
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.UniqueConstraint(
                fields=("provider", "title_vi"), name="course_unique_per_provider-vi"
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.UniqueConstraint(
                fields=("provider", "title_ind"), name="course_unique_per_provider-id"
            ),
        ),
        migrations.AddConstraint(
            model_name="course",
            constraint=models.UniqueConstraint(
                fields=("provider", "title_th"), name="course_unique_per_provider-th"
            ),
        ),
        migrations.RunPython(titles_copy, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="course",
            options={"ordering": ["title_en"]},
        ),
    ]
