"""ISCED-F 2013 fields of education (UNESCO Institute for Statistics, ISCED Fields of Education and
Training 2013). Narrow fields throughout, and the detailed fields of the STEM broad fields 05, 06, 07."""

from django.db import migrations

FIELDS = [
    ("011", "Education"),
    ("021", "Arts"),
    ("022", "Humanities (except languages)"),
    ("023", "Languages"),
    ("031", "Social and behavioural sciences"),
    ("032", "Journalism and information"),
    ("041", "Business and administration"),
    ("042", "Law"),
    ("051", "Biological and related sciences"),
    ("0511", "Biology"),
    ("0512", "Biochemistry"),
    ("052", "Environment"),
    ("0521", "Environmental sciences"),
    ("053", "Physical sciences"),
    ("0531", "Chemistry"),
    ("0532", "Earth sciences"),
    ("0533", "Physics"),
    ("054", "Mathematics and statistics"),
    ("0541", "Mathematics"),
    ("0542", "Statistics"),
    ("061", "Information and Communication Technologies (ICTs)"),
    ("0611", "Computer use"),
    ("0612", "Database and network design and administration"),
    ("0613", "Software and applications development and analysis"),
    ("071", "Engineering and engineering trades"),
    ("0711", "Chemical engineering and processes"),
    ("0712", "Environmental protection technology"),
    ("0713", "Electricity and energy"),
    ("0714", "Electronics and automation"),
    ("0715", "Mechanics and metal trades"),
    ("0716", "Motor vehicles, ships and aircraft"),
    ("072", "Manufacturing and processing"),
    ("0721", "Food processing"),
    ("0722", "Materials (glass, paper, plastic and wood)"),
    ("0723", "Textiles (clothes, footwear and leather)"),
    ("0724", "Mining and extraction"),
    ("073", "Architecture and construction"),
    ("0731", "Architecture and town planning"),
    ("0732", "Building and civil engineering"),
    ("081", "Agriculture"),
    ("082", "Forestry"),
    ("083", "Fisheries"),
    ("084", "Veterinary"),
    ("091", "Health"),
    ("092", "Welfare"),
    ("101", "Personal services"),
    ("102", "Hygiene and occupational health services"),
    ("103", "Security services"),
    ("104", "Transport services"),
]


def load(apps, schema_editor):
    FieldOfStudy = apps.get_model("profiles", "FieldOfStudy")
    for code, name in FIELDS:
        FieldOfStudy.objects.update_or_create(
            code=code, defaults={"name": name, "is_stem": code[:2] in {"05", "06", "07"}}
        )


def unload(apps, schema_editor):
    apps.get_model("profiles", "FieldOfStudy").objects.filter(
        code__in=[code for code, _ in FIELDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_graduate_profile")]
    operations = [migrations.RunPython(load, unload)]
