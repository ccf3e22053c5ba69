"""English test scores as CEFR levels, at the publishers' boundaries."""

import pytest

from profiles.models import english_cefr_level


@pytest.mark.parametrize(
    ("test", "score", "level"),
    [
        ("toeic", 784, 3),
        ("toeic", 785, 4),
        ("toeic", 850, 4),
        ("toeic", 945, 5),
        ("toeic", 100, 0),
        ("toefl_ibt", 71, 3),
        ("toefl_ibt", 72, 4),
        ("toefl_ibt", 114, 6),
        ("ielts", 5.0, 3),
        ("ielts", 5.5, 4),
        ("ielts", 7.0, 5),
        ("cefr", 4, 4),
        ("", 800, 0),
        ("toeic", None, 0),
    ],
)
def test_a_score_stands_for_the_cefr_level_its_publisher_maps_it_to(test, score, level) -> None:
    assert english_cefr_level(test, score) == level
