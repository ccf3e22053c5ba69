from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from employers.models import Employer
from jobs.models import Application, JobPosting, PostingSkill
from profiles.models import GraduateProfile, Visibility


def posting_list_public() -> QuerySet[JobPosting]:
    """The public postings (JobPostingQuerySet.public), newest first: what anyone may browse."""
    return JobPosting.objects.public().select_related("employer").order_by("-published_at", "-id")


def posting_detail_public(*, pk: int) -> JobPosting:
    return posting_list_public().prefetch_related("skills__skill", "accepted_fields").get(pk=pk)


def posting_text_search(*, postings: QuerySet[JobPosting], text: str) -> QuerySet[JobPosting]:
    """Postings whose title, description, employer name or skill names match the text.

    On PostgreSQL a full-text search (English configuration, web-search syntax) over title and
    description (the stored, GIN-indexed `search_vector`) and the employer's name, or any listed
    skill whose name, Korean name or alias contains the text; elsewhere (SQLite) every word must
    appear in one of those fields.
    """
    text = " ".join(text.split())[:200]
    if not text:
        return postings
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        query = SearchQuery(text, search_type="websearch", config="english")
        return postings.annotate(
            employer_search=SearchVector("employer__name", config="english")
        ).filter(Q(search_vector=query) | Q(employer_search=query) | Exists(_skills_matching(text)))
    for word in text.split()[:8]:
        postings = postings.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(employer__name__icontains=word)
            | Q(employer__name_ko__icontains=word)
            | Exists(_skills_matching(word))
        )
    return postings


def _skills_matching(text: str) -> QuerySet[PostingSkill]:
    return PostingSkill.objects.filter(
        Q(skill__name__icontains=text)
        | Q(skill__name_ko__icontains=text)
        | Q(skill__aliases__alias__icontains=text),
        posting=OuterRef("pk"),
    )


def posting_rank_by_match(
    *, postings: QuerySet[JobPosting], ranked_ids: list[int]
) -> QuerySet[JobPosting]:
    """Order postings by their rank in `ranked_ids` (best first), then the rest newest first."""
    if not ranked_ids:
        return postings.order_by("-published_at", "-id")
    rank = Case(
        *[When(pk=pid, then=Value(n)) for n, pid in enumerate(ranked_ids)],
        default=Value(len(ranked_ids)),
        output_field=IntegerField(),
    )
    return postings.annotate(match_rank=rank).order_by("match_rank", "-published_at", "-id")


# --- what employers may see of graduates ---------------------------------------------------


def candidate_visible_to_employer(*, profile: GraduateProfile, employer: Employer) -> bool:
    """An employer sees a graduate's profile and CV only when staff verified the company and the
    graduate lets verified employers find them, or applied to one of this company's postings."""
    if not employer.is_verified:
        return False
    if profile.visibility == Visibility.DISCOVERABLE:
        return True
    return Application.objects.filter(graduate=profile, posting__employer=employer).exists()


def candidate_for_employer(*, employer: Employer, graduate_id: int) -> GraduateProfile:
    """The graduate's profile if the employer may see it; GraduateProfile.DoesNotExist if not."""
    profile = (
        GraduateProfile.objects.select_related("user")
        .prefetch_related("education__field_of_study", "skills__skill", "experience")
        .get(pk=graduate_id)
    )
    if not candidate_visible_to_employer(profile=profile, employer=employer):
        raise GraduateProfile.DoesNotExist
    return profile
