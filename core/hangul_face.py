"""Korean text drawn from a font of just the characters a page shows.

A browser without a Korean font (a fresh Linux) draws Korean from Noto Sans KR, which the site
serves in some 120 pieces by unicode-range (static/css/fonts-ko.css). A page in English that
shows a company's or a visa's Korean name needs a handful of characters, yet each one may sit in
a different piece of about 15 KB: a job page fetched 47 KB of pieces for one company name,
/visas/mine/ 76 KB for the visas' names, and every page 16 KB of `@font-face` rules.

So a page not in Korean names the Korean characters it holds (`korean_chars`) in a signed token
(`face_token`); the page links `/fonts/hangul/<token>.css`, whose "Talent Bridge Hangul" faces
(regular and bold) are cut from the same pieces (`face_font`): a few KB for a page's names. A
page in Korean, or with more than MAX_CHARS Korean characters (a description written in
Korean), links the pieces instead, which every such page shares. The token is signed so that
only sets of characters the site itself wrote can make the server cut a font.
"""

import base64
import bisect
import hashlib
import io
import re
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

PIECES_CSS = "css/fonts-ko.css"
FAMILY = "Talent Bridge Hangul"
WEIGHTS = (400, 700)  # the pieces' two weights; 400 also draws 500, as in fonts-ko.css
MAX_CHARS = 400  # more Korean than this: the page shares the pieces instead
KEPT_SECONDS = 30 * 24 * 3600
# Blocks only a Korean face draws: Hangul Jamo, CJK symbols and punctuation, Hangul
# compatibility Jamo, enclosed CJK, CJK ideographs (Hanja), Hangul syllables, compatibility
# ideographs and the full-width forms. Latin text and common punctuation stay with the system's.
KOREAN_BLOCKS = (
    (0x1100, 0x11FF),
    (0x3000, 0x303F),
    (0x3130, 0x318F),
    (0x3200, 0x32FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xF900, 0xFAFF),
    (0xFF00, 0xFFEF),
)
_ASCII = bytes(range(128))
_RULE = re.compile(
    r"src: url\(\.\./fonts/(?P<file>[^)]+-(?P<weight>\d+)-normal\.woff2)\)[^}]*?"
    r"unicode-range: (?P<ranges>[^;]+);"
)
_SIGNING_SALT = "core.hangul_face"


@dataclass(frozen=True)
class Pieces:
    """Where each character of Noto Sans KR lies: per weight, ranges sorted by their start."""

    starts: dict[int, list[int]]
    ranges: dict[int, list[tuple[int, int, Path]]]
    version: str  # changes with the pieces' CSS, so tokens and kept fonts follow the files

    def piece(self, codepoint: int, weight: int) -> Path | None:
        at = bisect.bisect_right(self.starts[weight], codepoint) - 1
        if at < 0:
            return None
        start, end, path = self.ranges[weight][at]
        return path if start <= codepoint <= end else None


@once
def pieces() -> Pieces:
    css_path = finders.find(PIECES_CSS)
    if not isinstance(css_path, str):
        raise LookupError(f"{PIECES_CSS} is not among the static files")
    css = Path(css_path).read_text(encoding="utf-8")
    fonts_dir = Path(css_path).parent.parent / "fonts"
    ranges: dict[int, list[tuple[int, int, Path]]] = {weight: [] for weight in WEIGHTS}
    for rule in _RULE.finditer(css):
        weight = int(rule["weight"])
        for part in rule["ranges"].split(","):
            first, _, last = part.strip().removeprefix("U+").partition("-")
            span = (int(first, 16), int(last or first, 16))
            ranges[weight].append((*span, fonts_dir / rule["file"]))
    for weight in WEIGHTS:
        ranges[weight].sort()
    starts = {weight: [start for start, _, _ in ranges[weight]] for weight in WEIGHTS}
    version = hashlib.sha256(css.encode()).hexdigest()[:12]
    return Pieces(starts=starts, ranges=ranges, version=version)


def _korean(codepoint: int) -> bool:
    return any(first <= codepoint <= last for first, last in KOREAN_BLOCKS)


def korean_chars(html: bytes) -> str:
    """The distinct characters of Korean script in a UTF-8 page, in code-point order."""
    rest = html.translate(None, _ASCII)  # multi-byte characters survive whole
    if not rest:
        return ""
    return "".join(sorted(c for c in set(rest.decode("utf-8", "ignore")) if _korean(ord(c))))


def _signature(payload: str) -> str:
    return salted_hmac(_SIGNING_SALT, payload + pieces().version).hexdigest()[:16]


def face_token(chars: str) -> str:
    """`chars` as a URL-safe token: the gaps between their code points, in order, as
    variable-length integers, base64, and a signature."""
    out = bytearray()
    previous = 0
    for char in sorted(set(chars)):
        gap = ord(char) - previous
        previous = ord(char)
        while gap >= 0x80:
            out.append(0x80 | (gap & 0x7F))
            gap >>= 7
        out.append(gap)
    payload = base64.urlsafe_b64encode(bytes(out)).decode().rstrip("=")
    return f"{payload}.{_signature(payload)}"


def face_chars(token: str) -> str | None:
    """The characters a token names; None for a token the site did not write."""
    payload, _, signature = token.partition(".")
    if not constant_time_compare(signature, _signature(payload)):
        return None
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    except ValueError:
        return None
    chars: list[str] = []
    codepoint = gap = shift = 0
    for byte in raw:
        gap |= (byte & 0x7F) << shift
        shift += 7
        if byte & 0x80:
            continue
        codepoint += gap
        gap = shift = 0
        if not _korean(codepoint) or len(chars) >= MAX_CHARS:
            return None
        chars.append(chr(codepoint))
    return "".join(chars) if chars else None


def _unicode_range(chars: str) -> str:
    spans: list[list[int]] = []
    for codepoint in map(ord, chars):
        if spans and codepoint == spans[-1][1] + 1:
            spans[-1][1] = codepoint
        else:
            spans.append([codepoint, codepoint])
    return ",".join(f"U+{a:x}" if a == b else f"U+{a:x}-{b:x}" for a, b in spans)


def face_css(chars: str, font_url: dict[int, str]) -> str:
    """The `@font-face` rules of a page's face, one per weight, drawing only `chars`."""
    weight_spans = {400: "100 599", 700: "600 900"}
    return "".join(
        f'@font-face{{font-family:"{FAMILY}";font-style:normal;font-display:swap;'
        f"font-weight:{weight_spans[weight]};src:url({font_url[weight]}) format('woff2');"
        f"unicode-range:{_unicode_range(chars)}}}\n"
        for weight in WEIGHTS
    )


def face_font(chars: str, weight: int) -> bytes:
    """A WOFF2 font of `chars` at `weight`, cut from the pieces that hold them and merged."""
    from fontTools import subset
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    by_piece: dict[Path, list[int]] = {}
    for codepoint in map(ord, chars):
        path = pieces().piece(codepoint, weight)
        if path is not None:
            by_piece.setdefault(path, []).append(codepoint)
    if not by_piece:
        raise LookupError("Noto Sans KR draws none of these characters")
    options = subset.Options()
    options.layout_features = []  # precomposed syllables need no shaping
    options.hinting = False
    options.name_IDs = [1, 2]
    options.drop_tables += ["BASE", "STAT", "GSUB", "GPOS", "vhea", "vmtx", "gasp"]
    cut: list[io.BytesIO] = []
    for path, codepoints in sorted(by_piece.items()):
        font = TTFont(path)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        font.flavor = None
        part = io.BytesIO()
        font.save(part)
        part.seek(0)
        cut.append(part)
    font = Merger().merge(cut) if len(cut) > 1 else TTFont(cut[0])
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def face_font_kept(chars: str, weight: int) -> bytes:
    """face_font, kept in the shared cache: cutting takes some 30 ms a piece."""
    digest = hashlib.sha256(chars.encode()).hexdigest()[:32]
    key = f"hangul-face:{pieces().version}:{weight}:{digest}"
    font = cache.get(key)
    if font is None:
        font = face_font(chars, weight)
        cache.set(key, font, KEPT_SECONDS)
    return font
