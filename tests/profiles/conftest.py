import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """CVs go to a per-test folder, never to the project's media directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
