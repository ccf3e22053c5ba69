"""seed_scale: demo rows at the size asked, for measurements, and never over real accounts."""

import pytest
from django.core.management import CommandError, call_command

from jobs.models import JobPosting
from profiles.models import GraduateProfile
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_loads_the_size_asked_and_is_idempotent(capsys):
    call_command("seed_scale", graduates=60, postings=12, applications=3)
    assert GraduateProfile.objects.count() == 60 and JobPosting.objects.count() == 12
    call_command("seed_scale", graduates=60, postings=12, applications=3)
    assert GraduateProfile.objects.count() == 60
    assert "Loaded in" in capsys.readouterr().out


def test_it_refuses_a_database_with_real_accounts():
    factories.UserFactory(email="lan@gmail.com")
    with pytest.raises(CommandError, match="1 accounts outside the demo's example domains"):
        call_command("seed_scale", graduates=5, postings=2)
    assert not GraduateProfile.objects.exists()
