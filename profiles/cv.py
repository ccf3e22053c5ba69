"""What a CV upload must be: a real, readable, unencrypted, plain PDF under the size limit.

The file's content is checked, never only its name or the browser's content type: the file must
start with the PDF signature, pypdf must parse it and find at least one page, and, since the
file goes to employers, it must be a plain document. Refused: scripts (/JavaScript, /JS),
actions that start programs (/Launch), attached files (/EmbeddedFile), rich media and XFA
forms, found by walking every object the document can reach; and polyglots, files that are
also HTML or a ZIP archive.
"""

import io
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF_MAGIC = b"%PDF-"
# Names of active or hidden content in a PDF; a plain CV has none of them (links are /URI).
ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
)
# Markers of a second format in the same bytes: HTML a browser would run, a ZIP archive.
POLYGLOT_MARKERS = (b"<script", b"<html", b"<!doctype html", b"<iframe", b"<svg")
ZIP_MARKERS = (b"PK\x03\x04", b"PK\x05\x06")
# Objects walked at most (a CV has a few hundred); a larger document is refused as unreadable.
MAX_OBJECTS = 50_000

logger = logging.getLogger(__name__)


def cv_validate(upload: UploadedFile) -> None:
    """Raise ValidationError with a message for the graduate when the upload is not an acceptable
    CV. Reads the file (in memory or from its temporary file) and rewinds it."""
    limit = settings.CV_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not (upload.name or "").lower().endswith(".pdf"):
        raise ValidationError(_("Upload a PDF file (its name ends in .pdf)."), code="extension")
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if not content.startswith(PDF_MAGIC):
        raise ValidationError(
            _("This file is not a PDF, whatever its name says. Export your CV as PDF."),
            code="not_pdf",
        )
    lowered = content.lower()
    if any(marker in lowered for marker in POLYGLOT_MARKERS) or all(
        marker in content for marker in ZIP_MARKERS
    ):
        raise ValidationError(_PLAIN_PDF, code="polyglot")
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is password-protected. Upload a copy without a password."),
                code="encrypted",
            )
        pages = len(reader.pages)
        if _has_active_content(reader):
            raise ValidationError(_PLAIN_PDF, code="active_content")
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        logger.info("CV upload rejected as unreadable PDF: %s", exc)
        raise ValidationError(
            _("The PDF could not be read; it may be damaged. Export it again and retry."),
            code="unreadable",
        ) from exc
    if pages < 1:
        raise ValidationError(_("The PDF has no pages."), code="no_pages")


_PLAIN_PDF = gettext_lazy(
    "The PDF holds scripts, attached files or other content that is not part of a plain "
    "document. Save your CV again as a plain PDF (for example with Print, then Save as PDF)."
)


def _has_active_content(reader: PdfReader) -> bool:
    """Whether any object the document can reach names active or hidden content."""
    seen: set[int] = set()
    stack: list[Any] = [reader.trailer]
    walked = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = hash((item.idnum, item.generation))
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        walked += 1
        if walked > MAX_OBJECTS:
            raise ValueError("too many objects")
        if isinstance(item, DictionaryObject):  # streams are dictionaries too
            if ACTIVE_NAMES.intersection(item.keys()) or item.get("/S") in ACTIVE_NAMES:
                return True
            if item.get("/Type") in ACTIVE_NAMES or item.get("/Subtype") in ACTIVE_NAMES:
                return True
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False
