"""Version tokens are read once per request; a token this process renews is read again."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import RequestMemoMiddleware
from core.versions import version_token, version_token_renew, version_tokens


class _CountingReads:
    def __init__(self, monkeypatch):
        self.reads: list[list[str]] = []
        real = cache.get_many

        def get_many(keys, *args, **kwargs):
            self.reads.append(list(keys))
            return real(keys, *args, **kwargs)

        monkeypatch.setattr(cache, "get_many", get_many)


def _in_a_request(view) -> None:
    RequestMemoMiddleware(lambda request: view() or HttpResponse())(RequestFactory().get("/"))


def test_a_token_is_read_once_in_a_request_and_again_in_the_next(monkeypatch):
    version_tokens(["a", "b"])  # made before: reading is what is counted
    counting = _CountingReads(monkeypatch)
    seen = []

    def view():
        first = version_token("a")
        assert version_tokens(["a", "b"]) == {"a": first, "b": version_token("b")}
        assert version_token("a") == first
        seen.append(first)

    _in_a_request(view)
    assert counting.reads == [["a"], ["b"]]
    cache.set("a", "set by another process")
    _in_a_request(view)
    assert seen[-1] == "set by another process"
    assert len(counting.reads) == 4


def test_another_process_s_token_is_seen_by_the_next_request_only():
    def view():
        before = version_token("a")
        cache.set("a", "set by another process")
        assert version_token("a") == before

    def next_view():
        assert version_token("a") == "set by another process"

    _in_a_request(view)
    _in_a_request(next_view)


def test_a_token_renewed_here_is_read_again_at_once():
    def view():
        before = version_token("a")
        version_token_renew("a")
        assert version_token("a") not in (None, before)

    _in_a_request(view)


def test_outside_a_request_every_call_reads(monkeypatch):
    version_token("a")
    counting = _CountingReads(monkeypatch)
    version_token("a")
    version_token("a")
    assert len(counting.reads) == 2


def test_a_cache_that_is_down_keeps_nothing_for_the_request(monkeypatch):
    def view():
        assert version_token("a") is None
        monkeypatch.undo()
        assert version_token("a") is not None

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get_many", down)
    _in_a_request(view)


def test_tokens_never_set_are_made_in_two_round_trips_however_many(monkeypatch):
    """A candidate list's twenty graduates, none read before: their tokens cost the read and
    two more round trips to the shared cache, not two per graduate; each key gets its own."""
    asked: list[str] = []
    inside = [0]  # a backend's get_many may call its own get: only the callers' asks count

    def spied(name, real):
        def ask(*args, **kwargs):
            if not inside[0]:
                asked.append(name)
            inside[0] += 1
            try:
                return real(*args, **kwargs)
            finally:
                inside[0] -= 1

        return ask

    for method in ("get", "get_many", "set", "add", "set_many"):
        monkeypatch.setattr(cache, method, spied(method, getattr(cache, method)))
    keys = [f"graduate-facts:{n}" for n in range(20)]
    tokens = version_tokens(keys)
    assert tokens is not None and len(set(tokens.values())) == 20
    assert asked == ["get_many", "set_many", "get_many"]
    asked.clear()
    assert version_tokens(keys) == tokens
    assert asked == ["get_many"]
