from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from accounts.admin import AuditedViewsMixin
from accounts.http import AuthenticatedHttpRequest
from profiles.models import (
    EducationRecord,
    FieldOfStudy,
    GraduateProfile,
    GraduateSkill,
    UnmatchedSkill,
    WorkExperience,
)
from profiles.services import graduate_profile_touch, unmatched_skill_resolve
from skills.models import Skill


@admin.register(FieldOfStudy)
class FieldOfStudyAdmin(TranslationAdmin):  # a name field per language (translation.py)
    list_display = ["code", "name_en", "name_ko", "is_stem"]
    list_filter = ["is_stem"]
    search_fields = ["code", "name_en", "name_ko", "name_vi", "name_ind", "name_th"]


class EducationInline(admin.TabularInline):
    model = EducationRecord
    extra = 0


class ExperienceInline(admin.TabularInline):
    model = WorkExperience
    extra = 0


class GraduateSkillInline(admin.TabularInline):
    model = GraduateSkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(GraduateProfile)
class GraduateProfileAdmin(AuditedViewsMixin, admin.ModelAdmin):
    list_display = ["__str__", "user", "nationality", "topik_level", "visibility", "updated_at"]
    list_filter = ["nationality", "topik_level", "visibility", "current_visa"]
    search_fields = ["user__email", "user__full_name", "headline"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["cv_original_name", "cv_uploaded_at", "created_at", "updated_at"]
    exclude = ["cv"]  # CVs are personal files: downloaded only through access-checked views.
    inlines = [EducationInline, ExperienceInline, GraduateSkillInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        graduate_profile_touch(profile=form.instance)


class ProfilePartAdmin(admin.ModelAdmin):
    """The admin of a part of a graduate's profile (a skill, a degree, a job): every save and
    delete announces the profile's change, as the services do, so matching and the facts kept
    for the pages (matching.selectors.kept_facts) read it again."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = form.initial.get("profile") if change else None
        super().save_model(request, obj, form, change)
        _profiles_touch({obj.profile_id, before})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        profile_id = obj.profile_id
        super().delete_model(request, obj)
        _profiles_touch({profile_id})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        profile_ids = set(queryset.values_list("profile_id", flat=True))
        super().delete_queryset(request, queryset)
        _profiles_touch(profile_ids)


def _profiles_touch(profile_ids: set[Any]) -> None:
    for profile in GraduateProfile.objects.filter(pk__in=[pk for pk in profile_ids if pk]):
        graduate_profile_touch(profile=profile)


@admin.register(GraduateSkill)
class GraduateSkillAdmin(ProfilePartAdmin):
    list_display = ["profile", "skill", "level", "source"]
    list_filter = ["level", "source", "skill__category"]
    search_fields = ["profile__user__email", "skill__name"]
    autocomplete_fields = ["skill"]
    raw_id_fields = ["profile"]
    list_select_related = ["profile__user", "skill"]


@admin.register(EducationRecord)
class EducationRecordAdmin(AuditedViewsMixin, ProfilePartAdmin):
    list_display = [
        "profile",
        "level",
        "field_of_study",
        "institution",
        "country",
        "graduation_year",
    ]
    list_filter = ["level", "country", "field_of_study__is_stem"]
    search_fields = ["profile__user__email", "institution"]
    raw_id_fields = ["profile"]
    list_select_related = ["profile__user", "field_of_study"]


@admin.register(WorkExperience)
class WorkExperienceAdmin(AuditedViewsMixin, ProfilePartAdmin):
    list_display = [
        "profile",
        "title",
        "isco_code",
        "employer_name",
        "country",
        "start_date",
        "end_date",
    ]
    search_fields = ["profile__user__email", "title", "employer_name"]
    raw_id_fields = ["profile"]
    list_select_related = ["profile__user"]


class MapToSkillForm(forms.Form):
    skill = forms.ModelChoiceField(
        queryset=Skill.objects.order_by("name"),
        label=_("Taxonomy skill"),
        help_text=_("The selected graduates get this skill at the level they typed."),
    )


@admin.register(UnmatchedSkill)
class UnmatchedSkillAdmin(admin.ModelAdmin):
    """Skills graduates typed that match nothing in the taxonomy, waiting for staff review."""

    list_display = ["label", "level", "profile", "created_at", "resolved_skill", "resolved_at"]
    list_filter = [("resolved_skill", admin.EmptyFieldListFilter), "level"]
    search_fields = ["label", "profile__user__email"]
    list_select_related = ["profile__user", "resolved_skill"]
    raw_id_fields = ["profile"]
    readonly_fields = ["profile", "label", "level", "created_at", "resolved_skill", "resolved_at"]
    actions = ["map_to_skill"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Map to a taxonomy skill (adds it to the graduates)"))
    def map_to_skill(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[UnmatchedSkill]
    ) -> HttpResponse | None:
        pending = queryset.filter(resolved_skill__isnull=True).select_related("profile")
        form = MapToSkillForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            skill = form.cleaned_data["skill"]
            count = 0
            for unmatched in pending:
                unmatched_skill_resolve(unmatched=unmatched, skill=skill, by=request.user)
                count += 1
            self.message_user(
                request,
                _("%(n)s label(s) mapped to %(skill)s.") % {"n": count, "skill": skill.name},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/profiles/unmatched_skill_map.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Map typed skills to a taxonomy skill"),
                "form": form,
                "unmatched": pending,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )
