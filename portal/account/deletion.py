"""Deleting a graduate's account everywhere: the apps above profiles first (their conversations
with companies, whose attached files go after the commit), then the account itself
(profiles.services.graduate_account_delete). Pages and the API both call this."""

from django.db import transaction

from accounts.models import User
from conversations.services import graduate_conversations_delete
from profiles.models import GraduateProfile
from profiles.services import graduate_account_delete


@transaction.atomic
def graduate_account_delete_everywhere(*, user: User) -> None:
    profile = GraduateProfile.objects.filter(user=user).first()
    if profile is not None:
        graduate_conversations_delete(profile=profile)
    graduate_account_delete(user=user)
