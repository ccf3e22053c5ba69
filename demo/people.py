"""Names, e-mail addresses and phone numbers for demo people, reproducible from one seed."""

import unicodedata
from random import Random

import phonenumbers
from faker import Faker

from demo.names import COUNTRY_STYLES, PersonName, name_from_styles

# Faker locales with person data for ASEAN countries; en_TH gives romanised Thai names, as on a CV.
FAKER_LOCALES: dict[str, str] = {"VN": "vi_VN", "ID": "id_ID", "TH": "en_TH"}
_VIETNAMESE_MIDDLE_BY_GENDER = {True: "Văn", False: "Thị"}  # the middle name the other gender uses


class NameSource:
    """Draws names: Faker where it knows the country, the project's own lists elsewhere.

    Every Faker instance is seeded from `seed`, so the same seed and the same order of calls give
    the same names.
    """

    def __init__(self, *, seed: int) -> None:
        self._fakers: dict[str, Faker] = {}
        for country, locale in (*FAKER_LOCALES.items(), ("KR", "ko_KR")):
            faker = Faker(locale)
            faker.seed_instance(seed)
            self._fakers[country] = faker

    def graduate_name(self, *, country: str, female: bool, rng: Random) -> PersonName:
        if country == "VN":
            return self._vietnamese(female=female)
        if country in FAKER_LOCALES:
            faker = self._fakers[country]
            given = faker.first_name_female() if female else faker.first_name_male()
            family = faker.last_name_female() if female else faker.last_name_male()
            return PersonName(given=given, family=family, full_name=f"{given} {family}")
        if country not in COUNTRY_STYLES:
            raise ValueError(f"No names for country {country!r}")
        return name_from_styles(country=country, female=female, rng=rng)

    def korean_name(self) -> str:
        """A Korean name in Hangul, family name first, as a Korean colleague writes it."""
        return str(self._fakers["KR"].name())

    def _vietnamese(self, *, female: bool) -> PersonName:
        faker = self._fakers["VN"]
        family = faker.last_name()
        middle = faker.middle_name()
        while middle == _VIETNAMESE_MIDDLE_BY_GENDER[female]:
            middle = faker.middle_name()
        given = faker.first_name_female() if female else faker.first_name_male()
        return PersonName(given=given, family=family, full_name=f"{family} {middle} {given}")


def ascii_slug(text: str) -> str:
    """`text` folded to lower-case ASCII letters and digits: "Nguyễn Đức" -> "nguyenduc"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def graduate_email(*, name: PersonName, number: int) -> str:
    return f"{ascii_slug(name.given)}.{ascii_slug(name.family)}.{number}@example.com"


def mobile_number(*, country: str, rng: Random) -> str:
    """A mobile number valid in the country's numbering plan, in E.164 form.

    The country's example number with its last six digits redrawn; if several draws are not valid
    numbers, the example number itself; blank where the library has no example.
    """
    example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return ""
    national = str(example.national_number)
    for _ in range(8):
        digits = national[:-6] + "".join(str(rng.randrange(10)) for _ in range(6))
        candidate = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(candidate):
            return phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
