"""What a CV upload must be: a real, readable, unencrypted PDF under the size limit.

The file's content is checked, never only its name or the browser's content type: the first bytes
must be the PDF signature and pypdf must parse the document and find at least one page.
"""

import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF_MAGIC = b"%PDF-"
# The PDF signature may follow a little leading junk (allowed by the spec's readers), not more.
MAGIC_WINDOW = 1024

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
    if PDF_MAGIC not in content[:MAGIC_WINDOW]:
        raise ValidationError(
            _("This file is not a PDF, whatever its name says. Export your CV as PDF."),
            code="not_pdf",
        )
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is password-protected. Upload a copy without a password."),
                code="encrypted",
            )
        pages = len(reader.pages)
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
