import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from employers.validators import brn_check_digit, validate_business_registration_number
from tests.factories import EmployerFactory, valid_brn


@pytest.mark.parametrize("number", ["220-81-62517", "124-81-00998", "104-81-53114"])
def test_published_business_registration_numbers_are_valid(number):
    validate_business_registration_number(number)


@pytest.mark.parametrize("number", ["220-81-62518", "124-81-00990", "104-81-53115"])
def test_a_wrong_check_digit_is_rejected(number):
    with pytest.raises(ValidationError) as excinfo:
        validate_business_registration_number(number)
    assert excinfo.value.code == "checksum"


@pytest.mark.parametrize(
    "number", ["2208162517", "220-8-162517", "22O-81-62517", "", "220-81-625170"]
)
def test_a_badly_formatted_number_is_rejected_with_the_expected_format(number):
    with pytest.raises(ValidationError) as excinfo:
        validate_business_registration_number(number)
    assert excinfo.value.code == "format"
    assert "000-00-00000" in str(excinfo.value.messages[0])


def test_every_nine_digit_prefix_has_exactly_one_valid_check_digit():
    prefix = "123456789"
    valid = [
        d for d in range(10)
        if not _raises(f"{prefix[:3]}-{prefix[3:5]}-{prefix[5:]}{d}")
    ]  # fmt: skip
    assert valid == [brn_check_digit(prefix)]


def _raises(number: str) -> bool:
    try:
        validate_business_registration_number(number)
    except ValidationError:
        return True
    return False


def test_factory_numbers_are_valid():
    for n in range(50):
        validate_business_registration_number(valid_brn(n))


@pytest.mark.django_db
def test_full_clean_reports_an_invalid_number_on_its_field():
    employer = EmployerFactory.build(business_registration_number="220-81-62518")
    with pytest.raises(ValidationError) as excinfo:
        employer.full_clean()
    assert "business_registration_number" in excinfo.value.message_dict


@pytest.mark.django_db
def test_badly_formatted_number_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployerFactory(business_registration_number="2208162517")


@pytest.mark.django_db
def test_verified_company_must_record_when():
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployerFactory(verification_status="verified", verified_at=None)
