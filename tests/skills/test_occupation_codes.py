"""The occupation codes a posting may name: the checks and the lookup lists."""

import pytest
from django.core.exceptions import ValidationError

from skills.occupation_codes import (
    e7_code_options_from_catalogue,
    isco_code_options,
    validate_e7_code,
    validate_isco08_code,
)


@pytest.mark.parametrize("code", ["", "2152", "3113", "8212", "0110", "9629"])
def test_isco_unit_groups_of_real_sub_major_groups_pass(code: str):
    validate_isco08_code(code)


@pytest.mark.parametrize("code", ["215", "21520", "2952", "0000", "1911", "abcd"])
def test_anything_else_is_not_an_isco_unit_group(code: str):
    with pytest.raises(ValidationError, match="is not an ISCO-08 unit group"):
        validate_isco08_code(code)


@pytest.mark.parametrize("code", ["", "2211", "S110", "23512"])
def test_e7_codes_are_digits_some_starting_with_s(code: str):
    validate_e7_code(code)


@pytest.mark.parametrize("code", ["E-7", "22", "X2211", "s110"])
def test_other_e7_codes_are_refused(code: str):
    with pytest.raises(ValidationError, match="is not an E-7 occupation code"):
        validate_e7_code(code)


def test_the_isco_lookup_gives_titles_and_the_platforms_roles_by_code():
    options = dict(isco_code_options())

    assert list(options) == sorted(options)
    assert options["2152"].startswith("Electronics engineers (")
    assert options["3113"] == "Electrical engineering technicians"
    assert all(len(code) == 4 for code in options)
    assert ("2211", "Computer hardware engineer") in e7_code_options_from_catalogue()
