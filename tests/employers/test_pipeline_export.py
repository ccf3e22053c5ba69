"""The pipeline's CSV export: the company's members only, safe from formula injection, UTF-8
with a BOM for Excel, on the audit record."""

import csv
import io
import logging

import pytest
from django.test import Client
from django.urls import reverse

from jobs.services.screening import answers_record, screening_question_add
from portal.downloads import csv_safe
from tests import factories

pytestmark = pytest.mark.django_db


def _url(posting) -> str:
    return reverse("employer:pipeline_export", args=[posting.pk])


@pytest.mark.parametrize(
    ("cell", "safe"),
    [("=1+1", "'=1+1"), ("+82 10", "'+82 10"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\t=x", "'\t=x"), ("김민지", "김민지"), ("Nguyen = ok", "Nguyen = ok"), (None, ""),
     (-17, "-17"), (0.5, "0.5")],
)  # fmt: skip
def test_cells_that_look_like_formulas_get_a_quote(cell, safe):
    assert csv_safe(cell) == safe


def test_the_export_lists_each_application_with_bom_and_screening(
    employer, employer_client, posting, caplog
):
    question = screening_question_add(
        posting=posting, by=employer, text="Night shifts?", kind="yes_no", expected_yes=True
    )
    hangul = factories.ApplicantFactory(user__full_name="김민지")
    sneaky = factories.ApplicantFactory(user__full_name='=HYPERLINK("http://x")')
    first = factories.ApplicationFactory(posting=posting, graduate=hangul)
    answers_record(application=first, cleaned=[(question, False)])
    factories.ApplicationFactory(posting=posting, graduate=sneaky, status="screening")

    with caplog.at_level(logging.INFO, logger="talentbridge.audit"):
        response = employer_client.get(_url(posting))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Name", "Stage", "Applied on", "Match score", "Screening", "Last change"]
    assert rows[1][0] == "김민지" and rows[1][1] == "Applied"
    assert rows[1][4] == "Does not meet screening: Night shifts?"
    assert rows[2][0] == '\'=HYPERLINK("http://x")' and rows[2][1] == "Screening"
    assert any(
        f"member {employer.pk} exported the pipeline of posting {posting.pk}" in r.getMessage()
        for r in caplog.records
    )
    assert "김민지" not in caplog.text


@pytest.mark.parametrize("persona", ["other_employer", "graduate", "other_graduate"])
def test_only_the_company_downloads_it(request, posting, persona):
    factories.ApplicationFactory(posting=posting)
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(posting)).status_code == 404


def test_anonymous_visitors_sign_in_first(client, posting):
    response = client.get(_url(posting))
    assert response.status_code == 302 and "login" in response.url
