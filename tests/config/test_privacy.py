"""Every model with a personal field is accounted for in config.privacy, and what is said there
holds: deletion (the link's on_delete), export (the section in the person's export), retention
(a setting that exists)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from config.privacy import PERSONAL_DATA
from portal.account.selectors import user_data_export
from tests import factories

PERSON_MODELS = (settings.AUTH_USER_MODEL, "profiles.GraduateProfile")
PERSONAL_FIELD_TYPES = (models.EmailField, models.GenericIPAddressField)
NOT_PERSONAL = {"sessions.Session"}  # signed session data, expired ones purged daily


def _personal_links(model: type[models.Model]) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field.related_model
        and field.related_model._meta.label in PERSON_MODELS
    ]  # fmt: skip


def _holds_personal_data(model: type[models.Model]) -> bool:
    if model._meta.label in PERSON_MODELS:
        return True
    fields = model._meta.get_fields()
    return bool(_personal_links(model)) or any(isinstance(f, PERSONAL_FIELD_TYPES) for f in fields)


def test_every_model_with_personal_data_is_accounted_for():
    found = {m._meta.label for m in apps.get_models() if _holds_personal_data(m)} - NOT_PERSONAL
    assert found - set(PERSONAL_DATA) == set(), "add them to config/privacy.py"
    assert set(PERSONAL_DATA) - found == set(), "no longer personal: remove them"


@pytest.mark.parametrize("label", sorted(PERSONAL_DATA))
def test_what_deletion_is_said_to_do_is_what_the_links_do(label: str):
    handling = PERSONAL_DATA[label]
    model = apps.get_model(label)
    links = _personal_links(model)
    if label in PERSON_MODELS or not links:
        return  # the person's own row, or a table without a link (e-mail records)
    behaviours = {link.remote_field.on_delete for link in links}
    if handling.deletion == "deleted":
        assert models.CASCADE in behaviours, label
    else:
        assert behaviours <= {models.SET_NULL, models.CASCADE}, label
        assert models.SET_NULL in behaviours, label


@pytest.mark.parametrize("label", sorted(PERSONAL_DATA))
def test_the_retention_named_exists(label: str):
    kept = PERSONAL_DATA[label].kept
    assert kept == "account" or kept in settings.RETENTION_DAYS or hasattr(settings, kept)


@pytest.mark.django_db
def test_the_export_sections_named_are_in_a_graduates_export():
    profile = factories.GraduateProfileFactory()
    factories.EducationRecordFactory(profile=profile)
    factories.GraduateSkillFactory(profile=profile)
    factories.ApplicationFactory(graduate=profile)
    export = user_data_export(user=profile.user)
    named = {h.export for h in PERSONAL_DATA.values() if not h.export.startswith("not exported")}
    assert named - set(export) == set(), sorted(export)
