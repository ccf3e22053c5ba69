"""The settings mypy's Django plugin loads: the site's, without django-modeltranslation, which
replaces the managers of the models it translates at runtime (SkillCategory, Skill,
FieldOfStudy, VisaType) with classes the plugin cannot resolve. Models are checked as written;
the translation columns (name_en, name_ko ...) are reached through strings in queries."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

# The admin goes too: loading it imports the admin modules, whose TranslationAdmin classes need the
# registrations (mypy still checks those modules, without running them).
INSTALLED_APPS = [
    app for app in INSTALLED_APPS if app not in ("modeltranslation", "django.contrib.admin")
]
