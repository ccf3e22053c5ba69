"""Rendered page parts kept in the shared cache (core.fragments)."""

import pytest
from django.core.cache import cache

from core import fragments
from core.fragments import kept_fragments, release_stamp


class Renderer:
    def __init__(self) -> None:
        self.asked: list[list[int]] = []
        self.version = "v1"

    def __call__(self, indexes: list[int]) -> list[str]:
        self.asked.append(indexes)
        return [f"<p>{i}:{self.version}</p>" for i in indexes]


def test_only_the_parts_not_kept_are_rendered_in_order():
    render = Renderer()
    assert kept_fragments(["a", "b"], render, seconds=60) == ["<p>0:v1</p>", "<p>1:v1</p>"]
    render.version = "v2"
    parts = kept_fragments(["x", "b", None, "a"], render, seconds=60)
    assert parts == ["<p>0:v2</p>", "<p>1:v1</p>", "<p>2:v2</p>", "<p>0:v1</p>"]
    assert render.asked == [[0, 1], [0, 2]]
    assert all(type(part).__name__ == "SafeString" for part in parts)


def test_a_part_without_a_key_is_rendered_every_time():
    render = Renderer()
    kept_fragments([None], render, seconds=60)
    kept_fragments([None], render, seconds=60)
    assert render.asked == [[0], [0]]


def test_another_release_never_reads_this_ones_parts(monkeypatch):
    render = Renderer()
    kept_fragments(["a"], render, seconds=60)
    monkeypatch.setattr(fragments, "release_stamp", lambda: "another-release")
    render.version = "v2"
    assert kept_fragments(["a"], render, seconds=60) == ["<p>0:v2</p>"]


def test_the_release_stamp_changes_with_a_template(tmp_path, settings):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    release_stamp.cache_clear()
    try:
        first = release_stamp()
        assert release_stamp() == first
        page.write_text("<p>one, and two</p>")
        release_stamp.cache_clear()
        assert release_stamp() != first
    finally:
        release_stamp.cache_clear()


@pytest.mark.parametrize("broken", ["get_many", "set_many"])
def test_a_cache_that_fails_only_costs_rendering(monkeypatch, broken):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, broken, down)
    render = Renderer()
    assert kept_fragments(["a", "b"], render, seconds=60) == ["<p>0:v1</p>", "<p>1:v1</p>"]
    assert kept_fragments(["a", "b"], render, seconds=60) == ["<p>0:v1</p>", "<p>1:v1</p>"]
    assert render.asked == [[0, 1], [0, 1]]
