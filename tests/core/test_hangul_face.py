"""A page not in Korean draws its Korean text from a face of just its characters, cut from Noto
Sans KR; a page in Korean, or with much Korean text, links the site's pieces; a page with none
links neither. Only a token the site wrote makes the server cut a font."""

import io
import re

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import Client
from django.urls import reverse
from fontTools.ttLib import TTFont

from core import hangul_face
from core.middleware import HangulFaceMiddleware
from tests import factories

pytestmark = pytest.mark.django_db
NAME_KO = "한빛세미텍"
PIECES = "fonts-ko"


def _face_link(html: str) -> str | None:
    found = re.search(r'<link rel="stylesheet" href="(/fonts/hangul/[^"]+\.css)">', html)
    return found.group(1) if found else None


def _font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def test_korean_chars_are_the_distinct_korean_characters_in_code_point_order():
    html = "<p>Hanbit 한빛세미텍 (한빛) … → ✓ ไทย Việt 漢字 ＡＢ 「」</p>".encode()
    assert hangul_face.korean_chars(html) == "".join(sorted(set("한빛세미텍漢字ＡＢ「」")))
    assert hangul_face.korean_chars(b"<p>Only English - and punctuation.</p>") == ""
    assert hangul_face.korean_chars("Việt Nam, ไทย, café …".encode()) == ""


SPREAD = "".join(map(chr, range(0xAC00, 0xAC00 + 399 * 3, 3)))  # 399 far apart


@pytest.mark.parametrize("chars", ["가", "가힣", "한빛세미텍", "漢字가ＡＢ", SPREAD])
def test_a_token_gives_back_its_characters(chars):
    chars = "".join(sorted(set(chars)))
    token = hangul_face.face_token(chars)
    assert re.fullmatch(r"[A-Za-z0-9_-]+\.[0-9a-f]{16}", token)
    assert hangul_face.face_chars(token) == chars


def test_a_token_the_site_did_not_write_names_nothing():
    token = hangul_face.face_token("한빛")
    payload, _, signature = token.partition(".")
    other = hangul_face.face_token("가")
    assert hangul_face.face_chars(f"{other.partition('.')[0]}.{signature}") is None
    assert hangul_face.face_chars(f"{payload}.{'0' * 16}") is None
    assert hangul_face.face_chars(payload) is None
    # Signed, yet not Korean, or too many: refused all the same.
    latin = hangul_face.face_token("AZ").partition(".")[0]
    assert hangul_face.face_chars(f"{latin}.{hangul_face._signature(latin)}") is None
    many = "".join(map(chr, range(0xAC00, 0xAC00 + hangul_face.MAX_CHARS + 1)))
    assert hangul_face.face_chars(hangul_face.face_token(many)) is None


@pytest.mark.parametrize("weight", hangul_face.WEIGHTS)
def test_the_face_draws_exactly_its_characters_from_several_pieces(weight):
    chars = "".join(sorted(set("한빛세미텍특정활동전문인력")))
    pieces = {hangul_face.pieces().piece(ord(c), weight) for c in chars}
    assert len(pieces) > 3  # the characters lie in several of Noto Sans KR's pieces
    font = _font(hangul_face.face_font(chars, weight))
    assert font.flavor == "woff2"
    cmap = font.getBestCmap()
    assert set(cmap) == set(map(ord, chars))
    glyphs = font["glyf"]
    assert all(glyphs[cmap[ord(c)]].numberOfContours > 0 for c in chars)  # outlines, not blanks
    for char in chars:  # each glyph as wide as in its piece, through the cut and the merge
        piece = TTFont(hangul_face.pieces().piece(ord(char), weight))
        width = piece["hmtx"][piece.getBestCmap()[ord(char)]][0]
        assert font["hmtx"][cmap[ord(char)]][0] == width > 0


def test_the_two_weights_are_the_two_faces():
    regular = _font(hangul_face.face_font("한", 400))
    bold = _font(hangul_face.face_font("한", 700))
    assert regular["OS/2"].usWeightClass == 400 and bold["OS/2"].usWeightClass == 700


def test_an_english_page_with_a_korean_name_links_a_face_of_its_characters():
    employer = factories.EmployerFactory(name="Hanbit Semitech", name_ko=NAME_KO)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(reverse("companies:detail", args=[employer.pk]))
    html = page.content.decode()
    assert page["Content-Length"] == str(len(page.content))
    link = _face_link(html)
    assert link is not None and PIECES not in html
    assert html.index(link) < html.index("</head>")
    face = client.get(link)
    assert face.status_code == 200 and face["Content-Type"].startswith("text/css")
    assert "immutable" in face["Cache-Control"] and "private" in face["Cache-Control"]
    css = face.content.decode()
    assert css.count("@font-face") == 2 and '"Talent Bridge Hangul"' in css
    shown = hangul_face.korean_chars(page.content)
    assert set(NAME_KO) <= set(shown)
    for url in re.findall(r"url\(([^)]+)\)", css):
        font = client.get(url)
        assert font.status_code == 200 and font["Content-Type"] == "font/woff2"
        assert "immutable" in font["Cache-Control"]
        assert set(_font(font.content).getBestCmap()) == set(map(ord, shown))
    ranges = re.findall(r"unicode-range:([^}]+)\}", css)
    drawn = set()
    for span in ranges[0].split(","):
        first, _, last = span.removeprefix("U+").partition("-")
        drawn |= set(range(int(first, 16), int(last or first, 16) + 1))
    assert drawn == set(map(ord, shown))


def test_a_page_in_korean_links_the_pieces_and_no_face():
    employer = factories.EmployerFactory(name_ko=NAME_KO)
    page = Client(HTTP_ACCEPT_LANGUAGE="ko").get(reverse("companies:detail", args=[employer.pk]))
    html = page.content.decode()
    assert 'lang="ko"' in html[:200]
    assert f"css/{PIECES}" in html and _face_link(html) is None


def test_a_page_with_much_korean_links_the_pieces(settings):
    many = "".join(map(chr, range(0xAC00, 0xAC00 + hangul_face.MAX_CHARS + 5)))
    posting = factories.JobPostingFactory(description=f"About us. {many}")
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("jobs:detail", args=[posting.pk]))
    html = page.content.decode()
    assert f"css/{PIECES}" in html and _face_link(html) is None


def test_pages_whose_only_korean_is_the_language_menu_share_one_face():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    pages = [client.get(reverse(name)).content for name in ("terms", "privacy", "home")]
    assert {hangul_face.korean_chars(html) for html in pages} == {"".join(sorted("한국어"))}
    links = {_face_link(html.decode()) for html in pages}
    assert len(links) == 1 and None not in links  # one face, fetched once for all of them


def test_a_page_without_korean_links_no_korean_font(rf):
    html = b"<!DOCTYPE html><html><head><title>x</title></head><body>Only English.</body></html>"
    request = rf.get("/")
    request.LANGUAGE_CODE = "en"
    response = HangulFaceMiddleware(lambda r: HttpResponse(html))(request)
    assert response.content == html
    json_page = HangulFaceMiddleware(lambda r: JsonResponse({"name": NAME_KO}))(request)
    assert b"<link" not in json_page.content


def test_an_htmx_fragment_brings_its_own_face():
    factories.SkillFactory(name="Dry etching", name_ko="건식 식각")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    url = reverse("skills:autocomplete")
    fragment = client.get(url, {"q": "etching"}, HTTP_HX_REQUEST="true").content.decode()
    assert "건식 식각" in fragment and "</head>" not in fragment
    link = _face_link(fragment)
    assert link is not None and fragment.rstrip().endswith(f'href="{link}">')
    assert hangul_face.face_chars(link.split("/")[-1].removesuffix(".css")) == "각건식"
    # Asked for without htmx, a fragment is left as it is.
    assert _face_link(client.get(url, {"q": "etching"}).content.decode()) is None


@pytest.mark.parametrize("suffix", [".css", "-400.woff2"])
def test_a_token_the_site_did_not_write_is_not_found(suffix):
    token = hangul_face.face_token("한빛")
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert Client().get(f"/fonts/hangul/{forged}{suffix}").status_code == 404
    assert Client().get(f"/fonts/hangul/{token}-500.woff2").status_code == 404
