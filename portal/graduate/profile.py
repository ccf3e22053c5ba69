"""The guided profile: one page per step, each a plain form POST, with "save and finish later"."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.graduate.access import graduate_required
from portal.graduate.forms import (
    BasicsForm,
    CvForm,
    EducationForm,
    ExperienceForm,
    LanguagesForm,
    PreferencesForm,
    SkillRowFormSet,
    VisibilityForm,
)
from portal.graduate.steps import STEPS, Step, step_after, step_before, step_by_slug
from profiles.models import GraduateProfile, UnmatchedSkill
from profiles.selectors import (
    education_record_for_graduate,
    graduate_profile_for_user,
    profile_completeness,
    work_experience_for_graduate,
)
from profiles.services import (
    education_record_delete,
    education_record_save,
    graduate_basics_update,
    graduate_cv_replace,
    graduate_languages_update,
    graduate_preferences_update,
    graduate_skills_set_from_labels,
    graduate_visibility_set,
    work_experience_delete,
    work_experience_save,
)


@graduate_required
def profile_start(request: HttpRequest, profile: GraduateProfile) -> HttpResponse:
    """Resume the guided profile at the first step that still needs something."""
    full = graduate_profile_for_user(user=profile.user)
    _percent, missing = profile_completeness(profile=full)
    order = [step.slug for step in STEPS]
    first = min((order.index(item.step) for item in missing), default=0)
    return redirect("graduate:step", step=order[first])


@graduate_required
def profile_step(request: HttpRequest, step: str, profile: GraduateProfile) -> HttpResponse:
    current = step_by_slug(step)
    if current is None:
        from django.http import Http404

        raise Http404("No such step")
    profile = graduate_profile_for_user(user=profile.user)
    handler = _HANDLERS[current.slug]
    result = handler(request, profile)
    if isinstance(result, HttpResponse):
        return result
    return _render_step(request, profile, current, result)


def _render_step(
    request: HttpRequest, profile: GraduateProfile, step: Step, context: dict[str, Any]
) -> HttpResponse:
    percent, missing = profile_completeness(profile=profile)
    number = STEPS.index(step) + 1
    return render(
        request,
        f"graduate/profile_step_{step.slug}.html",
        {
            "profile": profile,
            "step": step,
            "steps": STEPS,
            "step_number": number,
            "step_count": len(STEPS),
            "previous_step": step_before(step.slug),
            "next_step": step_after(step.slug),
            "completeness": percent,
            "missing": [m for m in missing if m.step == step.slug],
            **context,
        },
    )


def _after_save(request: HttpRequest, step: Step) -> HttpResponse:
    """ "Save and continue" goes to the next step, "save and finish later" to the dashboard."""
    messages.success(request, _("Saved."))
    if "later" in request.POST:
        messages.info(request, _("Your profile is saved; come back to it at any time."))
        return redirect("graduate:dashboard")
    following = step_after(step.slug)
    if following is None:
        return redirect("graduate:dashboard")
    return redirect("graduate:step", step=following.slug)


def _basics(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    form = BasicsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        graduate_basics_update(profile=profile, full_name=form.cleaned_data["full_name"], **values)
        return _after_save(request, STEPS[0])
    return {"form": form}


def _languages(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    form = LanguagesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        graduate_languages_update(profile=profile, **values)
        return _after_save(request, step_by_slug("languages"))  # type: ignore[arg-type]
    return {"form": form}


def _preferences(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    form = PreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        graduate_preferences_update(profile=profile, **form.preferences())
        return _after_save(request, step_by_slug("preferences"))  # type: ignore[arg-type]
    return {"form": form}


def _visibility(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    form = VisibilityForm(request.POST or None, initial={"visibility": profile.visibility})
    if request.method == "POST" and form.is_valid():
        graduate_visibility_set(profile=profile, visibility=form.cleaned_data["visibility"])
        return _after_save(request, step_by_slug("visibility"))  # type: ignore[arg-type]
    return {"form": form}


def _cv(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    form = CvForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if "cv" not in request.FILES and "upload" not in request.POST:
            return _step_leave(request, "cv")  # the CV is optional: continue without one
        if form.is_valid():
            graduate_cv_replace(profile=profile, upload=form.cleaned_data["cv"])
            messages.success(request, _("Your CV is uploaded."))
            if "upload" in request.POST:
                return redirect("graduate:step", step="cv")
            return _after_save(request, step_by_slug("cv"))  # type: ignore[arg-type]
    return {"form": form, "cv_max_bytes": settings.CV_MAX_BYTES}


def _skills(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    pending: list[UnmatchedSkill] = profile.pending_unmatched_skills  # type: ignore[attr-defined]
    if request.method == "POST":
        formset = SkillRowFormSet(request.POST, prefix="skills")
        if formset.is_valid():
            kept = graduate_skills_set_from_labels(profile=profile, rows=formset.rows())
            if kept:
                messages.warning(
                    request,
                    _(
                        "We did not find %(labels)s in our skill list. We kept what you typed "
                        "and our staff will map it to a known skill; check the spelling or "
                        "pick a suggestion meanwhile."
                    )
                    % {"labels": ", ".join(f"“{u.label}”" for u in kept)},
                )
            if "more" in request.POST:
                messages.success(request, _("Saved."))
                return redirect("graduate:step", step="skills")
            return _after_save(request, step_by_slug("skills"))  # type: ignore[arg-type]
    else:
        initial = [{"name": s.skill.name, "level": s.level} for s in profile.skills.all()]
        initial += [{"name": u.label, "level": u.level} for u in pending]
        formset = SkillRowFormSet(initial=initial, prefix="skills")
    return {"formset": formset, "pending": pending}


def _education(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    form = EducationForm(request.POST or None, prefix="new")
    if request.method == "POST" and _navigates_only(request, form):
        return _step_leave(request, "education")
    if request.method == "POST" and form.is_valid():
        education_record_save(profile=profile, record=form.save(commit=False))
        return _list_saved(request, "education")
    return {"form": form, "records": list(profile.education.all())}


def _experience(request: HttpRequest, profile: GraduateProfile) -> HttpResponse | dict[str, Any]:
    form = ExperienceForm(request.POST or None, prefix="new")
    if request.method == "POST" and _navigates_only(request, form):
        return _step_leave(request, "experience")
    if request.method == "POST" and form.is_valid():
        work_experience_save(profile=profile, experience=form.save(commit=False))
        return _list_saved(request, "experience")
    return {"form": form, "records": list(profile.experience.all())}


def _navigates_only(request: HttpRequest, form: Any) -> bool:
    """ "Continue" or "finish later" with the add-a-row form left empty."""
    wants_to_leave = "later" in request.POST or "continue" in request.POST
    return wants_to_leave and not form.has_changed()


def _step_leave(request: HttpRequest, slug: str) -> HttpResponse:
    if "later" in request.POST:
        messages.info(request, _("Your profile is saved; come back to it at any time."))
        return redirect("graduate:dashboard")
    following = step_after(slug)
    return redirect("graduate:step", step=following.slug if following else slug)


def _list_saved(request: HttpRequest, slug: str) -> HttpResponse:
    if "later" in request.POST or "continue" in request.POST:
        return _after_save(request, step_by_slug(slug))  # type: ignore[arg-type]
    messages.success(request, _("Added. Add another, or continue."))
    return redirect(reverse("graduate:step", kwargs={"step": slug}) + "#list")


_HANDLERS = {
    "basics": _basics,
    "education": _education,
    "skills": _skills,
    "languages": _languages,
    "experience": _experience,
    "preferences": _preferences,
    "cv": _cv,
    "visibility": _visibility,
}


@graduate_required
def education_edit(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    record = education_record_for_graduate(profile=profile, pk=pk)
    form = EducationForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        education_record_save(profile=profile, record=form.save(commit=False))
        messages.success(request, _("Saved."))
        return redirect(reverse("graduate:step", kwargs={"step": "education"}) + "#list")
    return render(
        request, "graduate/row_edit.html", {"form": form, "step": step_by_slug("education")}
    )


@require_POST
@graduate_required
def education_delete(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    record = education_record_for_graduate(profile=profile, pk=pk)
    education_record_delete(profile=profile, record=record)
    messages.success(request, _("Removed."))
    return redirect(reverse("graduate:step", kwargs={"step": "education"}) + "#list")


@graduate_required
def experience_edit(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    experience = work_experience_for_graduate(profile=profile, pk=pk)
    form = ExperienceForm(request.POST or None, instance=experience)
    if request.method == "POST" and form.is_valid():
        work_experience_save(profile=profile, experience=form.save(commit=False))
        messages.success(request, _("Saved."))
        return redirect(reverse("graduate:step", kwargs={"step": "experience"}) + "#list")
    return render(
        request, "graduate/row_edit.html", {"form": form, "step": step_by_slug("experience")}
    )


@require_POST
@graduate_required
def experience_delete(request: HttpRequest, pk: int, profile: GraduateProfile) -> HttpResponse:
    experience = work_experience_for_graduate(profile=profile, pk=pk)
    work_experience_delete(profile=profile, experience=experience)
    messages.success(request, _("Removed."))
    return redirect(reverse("graduate:step", kwargs={"step": "experience"}) + "#list")
