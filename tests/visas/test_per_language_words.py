"""Words the compiled rules keep are made once per language and read in the reader's."""

import json

from django.utils import translation
from rest_framework.utils.encoders import JSONEncoder

from visas.rules.wording import group_path_lazy, group_words_lazy


def test_a_group_path_is_worded_in_each_readers_language_and_made_once_per_language():
    made = []

    def words(key: str) -> str:
        made.append(key)
        from visas.rules.wording import group_words

        return group_words(key)

    from visas.rules.wording import per_language

    path = group_path_lazy(group_words_lazy("eligibility"), per_language(words)("any-1"))
    with translation.override("en"):
        english = str(path)
        assert str(path) == english and "›" in english
    with translation.override("ko"):
        korean = str(path)
        assert korean != english
    with translation.override("en"):
        assert str(path) == english
    assert made == ["any-1", "any-1"]  # once in English, once in Korean


def test_kept_words_are_text_to_json_and_compare_as_text():
    words = group_words_lazy("any-1")
    with translation.override("en"):
        assert json.dumps({"group": words}, cls=JSONEncoder) == '{"group": "One of these"}'
        assert words == "One of these"
        assert f"{words}" == "One of these"
