"""The visa-rules admin: compact pages an administrator can correct a rule on."""

import json
import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from visas.models import (
    CriterionGroup,
    PointsGroup,
    PointsTable,
    RuleSource,
    VisaCriterion,
    VisaType,
)
from visas.services import VisaRulesLoadResult

pytestmark = pytest.mark.django_db

VISAS_MODELS = sorted(
    (model._meta.model_name, model)
    for model in admin.site._registry
    if model._meta.app_label == "visas"
)


def _largest_select(html: str) -> int:
    """Options in the longest select, leaving out the country picker (a short fixed list)."""
    selects = re.findall(r"<select\b.*?</select>", html, flags=re.S)
    counted = (s.count("<option") for s in selects if not s.startswith('<select name="country"'))
    return max(counted, default=0)


@pytest.fixture
def d10(loaded_visa_rules: VisaRulesLoadResult) -> VisaType:
    return VisaType.objects.get(code="D-10-1")


def test_visa_type_page_lists_its_rules_as_counts_and_links_not_inlines(staff_client: Client, d10):
    response = staff_client.get(reverse("admin:visas_visatype_change", args=[d10.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    criteria = VisaCriterion.objects.filter(group__visa_type=d10).count()
    groups = CriterionGroup.objects.filter(visa_type=d10).count()
    assert f"{groups} criterion groups" in html
    assert f"{criteria} criteria" in html
    criteria_list = reverse("admin:visas_visacriterion_changelist")
    assert f"{criteria_list}?group__visa_type__id__exact={d10.pk}" in html
    assert "criterion_groups-TOTAL_FORMS" not in html
    assert "salary_thresholds-TOTAL_FORMS" not in html


def test_visa_type_page_stays_small_with_no_select_listing_every_source(staff_client: Client, d10):
    response = staff_client.get(reverse("admin:visas_visatype_change", args=[d10.pk]))

    html = response.content.decode()
    assert RuleSource.objects.count() > 100
    assert _largest_select(html) <= 30  # the chosen sources and the categories, not all sources
    assert len(response.content) < 150_000


def test_rule_counts_link_to_lists_filtered_to_the_visa(staff_client: Client, d10):
    url = reverse("admin:visas_visacriterion_changelist")
    response = staff_client.get(url, {"group__visa_type__id__exact": d10.pk})

    assert response.status_code == 200
    expected = VisaCriterion.objects.filter(group__visa_type=d10).count()
    assert response.context["cl"].result_count == expected


def test_sources_are_picked_by_searching(staff_client: Client, d10):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "visas", "model_name": "visatype", "field_name": "sources", "term": "D-10"},
    )

    assert response.status_code == 200
    assert response.json()["results"]


def test_other_details_are_indented_json_one_key_per_line(staff_client: Client):
    visa = VisaType.objects.create(
        code="X-1",
        slug="x-1",
        name="Example",
        category="study",
        details={"documents": ["passport", "photo"], "where_to_apply": "any immigration office"},
    )

    response = staff_client.get(reverse("admin:visas_visatype_change", args=[visa.pk]))

    field = response.context["adminform"].form["details"]
    assert field.value().startswith('{\n  "documents": [\n    "passport",')
    assert 'style="font-family: monospace"' in str(field)


def test_a_criterion_value_is_edited_as_json_and_saved(staff_client: Client, loaded_visa_rules):
    criterion = VisaCriterion.objects.filter(op="gte").first()
    data = _criterion_form(criterion, value="[1, 2]", op="between")

    response = staff_client.post(_change_url(criterion), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    criterion.refresh_from_db()
    assert (criterion.op, criterion.value) == ("between", [1, 2])


def test_a_value_that_does_not_fit_the_operator_shows_the_models_message(
    staff_client: Client, loaded_visa_rules
):
    criterion = VisaCriterion.objects.filter(op="gte").first()
    before = criterion.value

    response = staff_client.post(_change_url(criterion), _criterion_form(criterion, op="between"))

    assert response.status_code == 200
    assert "needs a list of two values" in response.content.decode().replace("&#x27;", "'")
    criterion.refresh_from_db()
    assert (criterion.op, criterion.value) == ("gte", before)


def test_a_group_page_lists_its_criteria_with_links_to_edit_and_add(
    staff_client: Client, loaded_visa_rules
):
    group = CriterionGroup.objects.filter(criteria__isnull=False).first()
    criterion = group.criteria.first()

    response = staff_client.get(_change_url(group))

    html = response.content.decode()
    assert _change_url(criterion) in html
    assert f"{reverse('admin:visas_visacriterion_add')}?group={group.pk}" in html
    assert "criteria-TOTAL_FORMS" not in html


def test_a_points_group_page_lists_its_items_instead_of_an_inline(
    staff_client: Client, loaded_visa_rules
):
    group = PointsGroup.objects.filter(items__isnull=False).first()

    response = staff_client.get(_change_url(group))

    html = response.content.decode()
    assert _change_url(group.items.first()) in html
    assert "items-TOTAL_FORMS" not in html


@pytest.mark.parametrize(("model_name", "model"), VISAS_MODELS)
def test_every_visas_list_and_change_page_opens_with_the_loaded_rules(
    staff_client: Client, loaded_visa_rules, model_name, model
):
    listing = staff_client.get(reverse(f"admin:visas_{model_name}_changelist"))
    change = staff_client.get(_change_url(model.objects.first()))

    assert listing.status_code == 200
    assert change.status_code == 200
    assert _largest_select(change.content.decode()) <= 30


def test_every_visa_type_page_opens(staff_client: Client, loaded_visa_rules):
    for visa in VisaType.objects.all():
        response = staff_client.get(reverse("admin:visas_visatype_change", args=[visa.pk]))
        assert response.status_code == 200, visa.code


def test_points_table_page_links_each_group(staff_client: Client, loaded_visa_rules):
    table = PointsTable.objects.filter(groups__isnull=False).first()

    response = staff_client.get(_change_url(table))

    assert _change_url(table.groups.first()) in response.content.decode()


def test_the_criteria_list_reads_in_a_fixed_number_of_queries(
    staff_client: Client, loaded_visa_rules, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("admin:visas_visacriterion_changelist"))
    assert response.status_code == 200


def _change_url(obj) -> str:
    return reverse(f"admin:visas_{obj._meta.model_name}_change", args=[obj.pk])


def _criterion_form(criterion: VisaCriterion, **changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "group": criterion.group_id,
        "key": criterion.key,
        "label": criterion.label,
        "field": criterion.field,
        "op": criterion.op,
        "value": json.dumps(criterion.value),
        "order": criterion.order,
        "valid_from": criterion.valid_from or "",
        "valid_to": criterion.valid_to or "",
        "note": criterion.note,
        "details": json.dumps(criterion.details),
        "sources": [s.pk for s in criterion.sources.all()],
    }
    if criterion.uncertain:
        data["uncertain"] = "on"
    return {**data, **changes}
