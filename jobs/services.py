from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobs.models import JobPosting, PostingSkill, PostingStatus


def posting_touch(*, posting: JobPosting) -> None:
    """Anything that changes how the posting matches: re-score it after commit."""
    from matching.models import ChangeKind
    from matching.services import matching_change_record

    matching_change_record(kind=ChangeKind.POSTING, entity_id=posting.pk)


@transaction.atomic
def posting_skills_set(*, posting: JobPosting, skills: list[tuple[int, str, int, float]]) -> None:
    """Replace the posting's skills with (skill id, requirement, min level, weight) rows."""
    seen: set[int] = set()
    for skill_id, _requirement, min_level, weight in skills:
        if skill_id in seen:
            raise ValidationError({"skills": f"Skill {skill_id} is listed twice."})
        seen.add(skill_id)
        if not 1 <= min_level <= 5 or not 0 < weight <= 5:
            raise ValidationError(
                {"skills": f"Skill {skill_id}: level 1-5 and weight 0.1-5 are required."}
            )
    posting.skills.exclude(skill_id__in=seen).delete()
    for skill_id, requirement, min_level, weight in skills:
        PostingSkill.objects.update_or_create(
            posting=posting,
            skill_id=skill_id,
            defaults={"requirement": requirement, "min_level": min_level, "weight": weight},
        )
    posting_touch(posting=posting)


@transaction.atomic
def posting_set_status(*, posting: JobPosting, status: str) -> JobPosting:
    """Publish, close or reopen; the matching lists follow."""
    if status not in PostingStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    posting.status = status
    if status == PostingStatus.OPEN and posting.published_at is None:
        posting.published_at = timezone.now()
    posting.full_clean()
    posting.save()
    posting_touch(posting=posting)
    return posting
