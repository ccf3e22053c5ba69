import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from profiles.models import FieldOfStudy, GraduateProfile
from tests.factories import GraduateProfileFactory, GraduateSkillFactory

pytestmark = pytest.mark.django_db


def test_fields_of_study_are_loaded_with_the_stem_flag():
    assert FieldOfStudy.objects.get(code="0714").is_stem
    assert FieldOfStudy.objects.get(code="0613").is_stem
    assert not FieldOfStudy.objects.get(code="041").is_stem
    assert FieldOfStudy.objects.filter(is_stem=True).count() >= 20


def test_nationality_is_limited_to_the_eleven_asean_members():
    profile = GraduateProfileFactory.build(nationality="KR")
    with pytest.raises(ValidationError) as excinfo:
        profile.full_clean(exclude=["user"])
    assert "nationality" in excinfo.value.message_dict
    for code in ["BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"]:
        GraduateProfileFactory.build(nationality=code).full_clean(exclude=["user"])


def test_topik_above_six_is_refused():
    profile = GraduateProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GraduateProfile.objects.filter(pk=profile.pk).update(topik_level=7)


def test_unknown_preference_values_get_a_field_message():
    profile = GraduateProfileFactory.build(preferred_industries=["semiconductors", "tourism"])
    with pytest.raises(ValidationError) as excinfo:
        profile.clean()
    assert "tourism" in str(excinfo.value.message_dict["preferred_industries"])


def test_english_test_needs_a_score():
    with pytest.raises(IntegrityError), transaction.atomic():
        GraduateProfileFactory(english_test="ielts", english_score=None)


def test_a_skill_is_listed_once_per_graduate_with_a_level_from_one_to_five():
    skill = GraduateSkillFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GraduateSkillFactory(profile=skill.profile, skill=skill.skill)
    with pytest.raises(IntegrityError), transaction.atomic():
        GraduateSkillFactory(profile=skill.profile, level=6)


def test_cv_is_stored_under_a_random_name_outside_public_media(settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    profile = GraduateProfileFactory()
    profile.cv.save("../../etc/passwd.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    assert profile.cv.name.startswith("cvs/")
    assert "passwd" not in profile.cv.name
    assert (tmp_path / profile.cv.name).is_file()
    with pytest.raises(ValueError):
        profile.cv.url  # noqa: B018 - private files have no URL
