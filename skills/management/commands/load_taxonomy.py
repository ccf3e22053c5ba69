from django.core.management.base import BaseCommand

from skills.services import taxonomy_load


class Command(BaseCommand):
    help = "Load or update the curated skill taxonomy (skills/data/taxonomy.json)."

    def handle(self, *args: object, **options: object) -> None:
        result = taxonomy_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Taxonomy: {result.categories} categories, {result.skills} skills, "
                f"{result.aliases} aliases, {result.relations} relations."
            )
        )
