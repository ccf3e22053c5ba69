"""Turning raw input into the engine's facts: every bad field gets a message, nothing crashes."""

import pytest

from visas.rules import (
    OfferFacts,
    PersonFacts,
    RuleInputError,
    validate_offer,
    validate_person,
)


def _person_errors(**raw: object) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        validate_person({"nationality": "VN", **raw})
    return caught.value.errors


def _offer_errors(**raw: object) -> dict[str, str]:
    with pytest.raises(RuleInputError) as caught:
        validate_offer({"annual_salary_krw": 30_000_000, **raw})
    return caught.value.errors


def test_form_values_become_typed_facts():
    person = validate_person(
        {
            "nationality": "vn",
            "age": "27",
            "education_level": "Master",
            "field_stem": "on",
            "korean_degree": "true",
            "topik": "4",
            "kiip_stage": 2,
            "experience_years": "2.5",
            "korean_experience_years": "1",
            "current_visa": "d-10-1",
            "annual_income_krw": "32,000,000",
            "years_since_graduation": 1,
            "extra": {"record.imprisonment_offence": False},
        }
    )

    assert person == PersonFacts(
        nationality="VN",
        age=27,
        education_level="master",
        field_stem=True,
        degree_country="KR",
        korean_degree=True,
        topik=4,
        kiip_stage=2,
        experience_years=2.5,
        korean_experience_years=1.0,
        current_visa="D-10-1",
        annual_income_krw=32_000_000,
        years_since_graduation=1,
        extra=(("record.imprisonment_offence", False),),
    )


def test_only_the_nationality_is_required_and_missing_facts_stay_unknown():
    person = validate_person({"nationality": "PH"})

    assert person.age is None
    assert person.annual_income_krw is None
    assert person.education_level == ""
    assert person.topik == 0


def test_a_degree_country_of_kr_means_a_korean_degree():
    person = validate_person(
        {"nationality": "TH", "education_level": "bachelor", "degree_country": "kr"}
    )

    assert person.korean_degree


def test_a_non_asean_nationality_is_accepted():
    person = validate_person({"nationality": "IN"})

    assert person.nationality == "IN"
    assert not person.is_asean


def test_negative_age_is_refused():
    assert _person_errors(age=-1) == {"age": "Age cannot be negative."}


def test_unknown_nationality_is_refused_with_an_example():
    errors = _person_errors(nationality="XX")

    assert "Unknown country code 'XX'" in errors["nationality"]
    assert "VN" in errors["nationality"]


def test_missing_nationality_is_refused():
    with pytest.raises(RuleInputError) as caught:
        validate_person({})

    assert caught.value.errors == {"nationality": "Give the two-letter country code, e.g. VN."}


def test_topik_9_is_refused():
    assert _person_errors(topik=9) == {"topik": "TOPIK level must be 0 to 6."}


def test_kiip_stage_6_is_refused():
    assert _person_errors(kiip_stage=6) == {"kiip_stage": "KIIP stage must be 0 to 5."}


def test_income_as_words_is_refused_with_the_expected_form():
    errors = _person_errors(annual_income_krw="thirty million")

    assert "must be a number in KRW as digits" in errors["annual_income_krw"]


def test_every_bad_field_is_reported_at_once():
    errors = _person_errors(age="old", topik=7, education_level="phd", current_visa="work visa")

    assert set(errors) == {"age", "topik", "education_level", "current_visa"}


def test_fractional_age_and_yes_no_numbers_are_refused():
    assert _person_errors(age=25.5) == {"age": "Age must be a whole number."}
    assert _person_errors(topik=True) == {"topik": "TOPIK level must be a number, not yes/no."}


def test_unknown_fields_are_named():
    assert _person_errors(salary=1) == {"salary": "Unknown field."}


def test_experience_in_korea_cannot_exceed_all_experience():
    errors = _person_errors(experience_years=1, korean_experience_years=2)

    assert "cannot be more" in errors["korean_experience_years"]


def test_a_korean_degree_from_another_country_is_refused():
    errors = _person_errors(education_level="bachelor", korean_degree=True, degree_country="VN")

    assert errors == {"korean_degree": "A degree from a Korean university has degree country KR."}


def test_a_degree_country_without_a_degree_level_is_refused():
    assert _person_errors(degree_country="VN") == {
        "education_level": "Give the level of the degree."
    }


def test_extra_facts_must_be_rule_field_names_with_plain_values():
    assert "rule field name" in _person_errors(extra={"Bad Key": True})["extra"]
    assert "expected yes/no" in _person_errors(extra={"record.fines": [1]})["extra"]
    assert _person_errors(extra="yes") == {"extra": "Expected an object of rule fields and values."}


def test_input_that_is_not_an_object_is_refused():
    with pytest.raises(RuleInputError) as caught:
        validate_person(["VN"])  # type: ignore[arg-type]

    assert caught.value.errors == {"__all__": "Expected an object with named fields."}


def test_offer_from_form_values():
    offer = validate_offer(
        {
            "annual_salary_krw": "31120000",
            "occupation_code": "s110",
            "employer_size": "Large",
            "sponsorship": "false",
        }
    )

    assert offer == OfferFacts(
        annual_salary_krw=31_120_000,
        occupation_code="S110",
        employer_size="large",
        sponsorship=False,
    )


def test_offer_defaults_to_an_sme_that_sponsors():
    offer = validate_offer({"annual_salary_krw": 30_000_000})

    assert offer.employer_size == "sme"
    assert offer.sponsorship


def test_salary_as_text_is_refused():
    errors = _offer_errors(annual_salary_krw="about 30 million won")

    assert errors["annual_salary_krw"].startswith("The annual salary must be a number in KRW")


def test_salary_is_required_and_not_negative():
    with pytest.raises(RuleInputError) as caught:
        validate_offer({})
    assert caught.value.errors == {"annual_salary_krw": "The annual salary is required."}
    assert _offer_errors(annual_salary_krw=-5) == {
        "annual_salary_krw": "The annual salary cannot be negative."
    }


def test_bad_offer_fields_are_named():
    errors = _offer_errors(employer_size="huge", occupation_code="engineer", sponsorship="maybe")

    assert errors == {
        "employer_size": "Choose one of: sme, mid, large.",
        "occupation_code": "Give the KSCO occupation code as digits, e.g. 2211 (some codes "
        "start with S).",
        "sponsorship": "Expected yes or no (true or false).",
    }
