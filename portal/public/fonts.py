"""A page's Korean face (core.hangul_face): its `@font-face` rules and its fonts. Both are named
by a signed token of the characters they draw, so they never change and browsers keep them.
Kept as private all the same: the characters may come from a signed-in person's own page (a
name, a message), and no shared cache or proxy should keep a trace of them."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from core import hangul_face

YEAR = 365 * 24 * 3600


def _chars(token: str) -> str:
    chars = hangul_face.face_chars(token)
    if chars is None:
        raise Http404("No such face")
    return chars


def _kept_for_good(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, max_age=YEAR, immutable=True)
    return response


@require_GET
def hangul_face_css(request: HttpRequest, token: str) -> HttpResponse:
    chars = _chars(token)
    urls = {w: reverse("hangul-face-font", args=[token, w]) for w in hangul_face.WEIGHTS}
    css = hangul_face.face_css(chars, urls)
    return _kept_for_good(HttpResponse(css, content_type="text/css; charset=utf-8"))


@require_GET
def hangul_face_font(request: HttpRequest, token: str, weight: str) -> HttpResponse:
    chars = _chars(token)
    if int(weight) not in hangul_face.WEIGHTS:
        raise Http404("No such weight")
    font = hangul_face.face_font_kept(chars, int(weight))
    return _kept_for_good(HttpResponse(font, content_type="font/woff2"))
