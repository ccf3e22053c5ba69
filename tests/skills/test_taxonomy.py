import pytest

from skills.models import Skill, SkillAlias, SkillCategory, SkillRelation
from skills.selectors import skill_for_label, skill_search
from skills.services import taxonomy_load

pytestmark = pytest.mark.django_db

INDUSTRY_CATEGORIES = {
    "semiconductor-process",
    "semiconductor-design",
    "semiconductor-test-packaging",
    "electronics-embedded",
    "batteries-energy-storage",
    "automotive-ev",
    "shipbuilding-offshore",
    "mechanical-manufacturing",
    "chemicals-materials",
    "software-engineering",
    "data-ai",
    "languages",
}


@pytest.fixture
def taxonomy(db: None):
    return taxonomy_load()


def test_the_curated_taxonomy_covers_the_target_industries(taxonomy):
    assert taxonomy.skills >= 300
    assert Skill.objects.count() == taxonomy.skills
    assert set(SkillCategory.objects.values_list("slug", flat=True)) >= INDUSTRY_CATEGORIES
    assert not SkillCategory.objects.filter(name_ko="").exists()
    for slug in INDUSTRY_CATEGORIES:
        assert Skill.objects.filter(category__slug=slug).count() >= 15, slug
    assert SkillRelation.objects.count() >= 250


def test_loading_twice_changes_nothing(taxonomy):
    counts = [m.objects.count() for m in (SkillCategory, Skill, SkillAlias, SkillRelation)]
    again = taxonomy_load()
    assert again == taxonomy
    assert [m.objects.count() for m in (SkillCategory, Skill, SkillAlias, SkillRelation)] == counts


def test_aliases_and_korean_names_normalise_to_one_skill(taxonomy):
    alias = SkillAlias.objects.select_related("skill").first()
    assert skill_for_label(label=f"  {alias.alias.upper()} ") == alias.skill
    korean = Skill.objects.exclude(name_ko="").first()
    assert skill_for_label(label=korean.name_ko) == korean
    assert skill_for_label(label="underwater basket weaving") is None
    assert skill_for_label(label="   ") is None


def test_search_finds_skills_by_alias_and_korean_name(taxonomy):
    alias = SkillAlias.objects.select_related("skill").first()
    assert alias.skill in skill_search(text=alias.alias)
    korean = Skill.objects.exclude(name_ko="").first()
    assert korean in skill_search(text=korean.name_ko)


def test_relation_credits_are_between_zero_and_one(taxonomy):
    assert not SkillRelation.objects.filter(credit__lte=0).exists()
    assert not SkillRelation.objects.filter(credit__gt=1).exists()


@pytest.mark.parametrize(
    ("typed", "first_words"),
    [("PLC", "plc"), ("Sem", "semiconductor"), ("sem", "semiconductor")],
)
def test_search_ranks_the_best_matches_first(taxonomy, typed: str, first_words: str):
    """A name that starts with the text first, then a word of a name, then aliases and the rest
    (the form's own example "PLC" must not open with "Chromatography (GC/HPLC)")."""
    found = list(skill_search(text=typed))
    assert found and found[0].name.lower().startswith(first_words), [s.name for s in found]
    starts = [s.name.lower().startswith(typed.lower()) for s in found]
    assert starts == sorted(starts, reverse=True)  # every prefix match before any other


def test_search_puts_a_word_start_before_a_substring(db: None):
    from tests.factories import SkillFactory

    inside = SkillFactory(name="Chromatography (GC/HPLC)")
    word = SkillFactory(name="Siemens PLC")
    prefix = SkillFactory(name="PLC programming")
    assert list(skill_search(text="plc")) == [prefix, word, inside]
