"""The course CSV import: a good file, a file with bad rows, re-import, the command, the sample."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from skills.services import taxonomy_load
from tests import factories
from training.models import Course, CourseSkill, TrainingProvider
from training.services import course_import_csv

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "provider,provider_kind,provider_country,provider_city,title,kind,mode,language,"
    "start_date,end_date,hours,cost_usd,funding,topik_target,degree_level,field_of_study,"
    "eligible_nationalities,skills\n"
)
GOOD = HEADER + (
    "Da Nang College,technical_college,VN,Da Nang,PLC Basics,vocational,in_person,Vietnamese,"
    '2027-02-01,2027-03-01,120,"1,200.50",self_paid,,,,,"PLC programming:3; Python:2"\n'
    "Da Nang College,technical_college,VN,Da Nang,Korean for Work,Korean-language course,"
    "Online,Korean,,,60,0,free,3,,,,Korean (basic):2\n"
    "Ulsan Institute,university,KR,Ulsan,M.Eng. Batteries,degree,in_person,English,"
    "2027-09-01,2029-08-31,,9000,self_paid,,master,0711,VN; ID,\n"
)


@pytest.fixture
def skills(db: None) -> None:
    for name in ("PLC programming", "Python", "Korean (basic)"):
        factories.SkillFactory(name=name)


def _import(text: str, *, dry_run: bool = False):  # type: ignore[no-untyped-def]
    return course_import_csv(file=io.BytesIO(text.encode("utf-8")), dry_run=dry_run)


def test_good_file_imports_every_course_with_its_skills_and_provider(skills: None) -> None:
    report = _import(GOOD)
    assert report.imported and report.errors == []
    assert (report.rows, report.created, report.updated, report.providers_created) == (3, 3, 0, 2)
    plc = Course.objects.get(title="PLC Basics")
    assert (plc.provider.name, plc.country.code, plc.city) == ("Da Nang College", "VN", "Da Nang")
    assert str(plc.cost_usd) == "1200.50"
    assert dict(plc.skills.values_list("skill__name", "level_reached")) == {
        "PLC programming": 3,
        "Python": 2,
    }
    korean = Course.objects.get(title="Korean for Work")
    assert (korean.kind, korean.mode, korean.country.code, korean.topik_target) == (
        "korean_language",
        "online",
        "",
        3,
    )
    degree = Course.objects.get(title="M.Eng. Batteries")
    assert (degree.degree_level, degree.field_of_study.code, degree.hours) == (
        "master",
        "0711",
        None,
    )
    assert {c.code for c in degree.eligible_nationalities} == {"VN", "ID"}


def test_dry_run_reports_the_same_and_writes_nothing(skills: None) -> None:
    report = _import(GOOD, dry_run=True)
    assert report.ok and not report.imported
    assert (report.created, report.providers_created) == (3, 2)
    assert not Course.objects.exists() and not TrainingProvider.objects.exists()


def test_bad_rows_import_nothing_and_every_problem_is_reported_with_its_line(skills: None) -> None:
    bad = GOOD + (
        "Da Nang College,technical_college,VN,,Bad Dates,vocational,in_person,,"
        "2027-05-01,2027-04-01,10,0,,,,,,Python:2\n"  # line 5: ends before it starts
        "Da Nang College,technical_college,VN,,Korean No Level,korean_language,in_person,,"
        ",,10,0,,,,,,\n"  # line 6: no TOPIK target
        'Hue School,,XX,,"Welding\nNight class",vocational,by bus,,'
        "tomorrow,,many,-5,gift,9,phd,9999,ZZ,Underwater welding:3; Python:7\n"  # lines 7-8
        "Da Nang College,technical_college,VN,,PLC Basics,vocational,in_person,,"
        ",,10,0,,,,,,\n"  # line 9: repeats line 2
        "too,few,cells\n"  # line 10
    )
    report = _import(bad)
    assert not report.imported
    assert not Course.objects.exists() and not TrainingProvider.objects.exists()
    found = {(e.line, e.column) for e in report.errors}
    assert (5, "end_date") in found
    assert (6, "topik_target") in found
    for column in (
        "provider_kind", "provider_country", "mode", "start_date", "hours", "cost_usd",
        "funding", "topik_target", "degree_level", "field_of_study", "eligible_nationalities",
        "skills",
    ):  # fmt: skip
        assert (7, column) in found, column
    skills_error = next(e.message for e in report.errors if (e.line, e.column) == (7, "skills"))
    assert "unknown skill “Underwater welding”" in skills_error
    assert "level must be 1-5" in skills_error
    assert (9, "title") in found
    assert any(e.line == 10 and "3 cells" in e.message for e in report.errors)
    assert [e.line for e in report.errors] == sorted(e.line for e in report.errors)


def test_a_bad_header_is_reported_on_line_one(skills: None) -> None:
    report = _import("provider,title,price\nA,B,3\n")
    assert {e.line for e in report.errors} == {1}
    messages = " ".join(e.message for e in report.errors)
    assert "missing column(s): provider_kind, provider_country, kind, mode" in messages
    assert "unknown column(s): price" in messages


def test_reimporting_the_same_file_updates_in_place_without_duplicates(skills: None) -> None:
    _import(GOOD)
    ids = set(Course.objects.values_list("id", flat=True))
    report = _import(GOOD.replace("PLC programming:3; Python:2", "PLC programming:4"))
    assert (report.created, report.updated, report.providers_created) == (0, 3, 0)
    assert set(Course.objects.values_list("id", flat=True)) == ids
    assert TrainingProvider.objects.count() == 2
    plc = Course.objects.get(title="PLC Basics")
    assert list(plc.skills.values_list("skill__name", "level_reached")) == [("PLC programming", 4)]
    assert CourseSkill.objects.count() == 2


def test_provider_and_title_match_ignoring_case(skills: None) -> None:
    _import(GOOD)
    report = _import(
        GOOD.replace("Da Nang College", "DA NANG COLLEGE").replace("PLC Basics", "plc basics")
    )
    assert report.created == 0 and report.providers_created == 0
    assert Course.objects.count() == 3


def test_non_utf8_and_empty_files_are_refused(db: None) -> None:
    assert course_import_csv(file=io.BytesIO("é".encode("latin-1")), dry_run=False).errors
    assert course_import_csv(file=io.BytesIO(b""), dry_run=False).errors[0].message == (
        "the file is empty"
    )


def test_the_command_dry_runs_imports_and_fails_on_bad_files(skills: None, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_courses", str(good), "--dry-run", stdout=out)
    assert "would create 3 course(s)" in out.getvalue()
    assert not Course.objects.exists()
    call_command("import_courses", str(good), stdout=out)
    assert Course.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "X,technical_college,VN,,T,vocational,walk,,,,,,,,,,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_courses", str(bad), stderr=err)
    assert "line 2, mode:" in err.getvalue()


def test_the_sample_file_imports_cleanly_against_the_taxonomy(db: None) -> None:
    taxonomy_load()
    with (ROOT / "training" / "data" / "courses-sample.csv").open("rb") as sample:
        report = course_import_csv(file=sample, dry_run=False)
    assert report.errors == []
    assert report.created == 6


def test_titles_in_other_languages_are_kept_and_read_in_their_language(skills: None) -> None:
    """The provider's first title is every reader's, unless their language has its own; an import
    run by staff reading Korean writes the same columns as one run in English."""
    from django.utils import translation

    text = (
        "provider,provider_kind,provider_country,title,title_ko,title_vi,kind,mode\n"
        "Da Nang College,technical_college,VN,PLC Basics,PLC 기초,PLC cơ bản,vocational,online\n"
    )
    with translation.override("ko"):
        assert _import(text).errors == []
        assert _import(text).updated == 1  # matched on the first title, not the Korean one
    course = Course.objects.get()
    assert (course.title_en, course.title_ko, course.title_vi) == (
        "PLC Basics",
        "PLC 기초",
        "PLC cơ bản",
    )
    for language, title in [("ko", "PLC 기초"), ("vi", "PLC cơ bản"), ("th", "PLC Basics")]:
        with translation.override(language):
            assert Course.objects.get().title == title
