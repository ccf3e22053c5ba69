from typing import Any

import pytest

from accounts.models import User
from conversations.models import Conversation
from conversations.services import conversation_for_application
from employers.models import EmployerMember
from jobs.models import Application
from tests import factories


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> Any:
    """Attachments go to a per-test folder, never to the project's media directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def application(graduate: User, employer: User) -> Application:
    """The graduate's application to a posting of the employer's company."""
    company = EmployerMember.objects.get(user=employer).employer
    posting = factories.JobPostingFactory(employer=company, title="Etch process engineer")
    return factories.ApplicationFactory(graduate=graduate.graduate_profile, posting=posting)


@pytest.fixture
def thread(application: Application) -> Conversation:
    return conversation_for_application(application=application)
