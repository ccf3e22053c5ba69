"""Files the API hands out (CVs): one way to send them, and to describe them in the schema.

The file is a PDF. A client that asks for `application/octet-stream` (and not for PDF), as
clients generated from the schema do for binary bodies, gets the same bytes under that type.
"""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request

PDF = "application/pdf"
BINARY = "application/octet-stream"

PDF_DOWNLOAD_RESPONSES = {
    (200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF"),
    (200, BINARY): OpenApiResponse(
        OpenApiTypes.BINARY, description="The PDF, for a client that asks for bytes"
    ),
}


def pdf_download(request: Request, file: FieldFile, *, filename: str) -> FileResponse:
    """The PDF as an attachment, never cached, never sniffed as another type."""
    accepted = request.headers.get("Accept", "")
    wants_bytes = BINARY in accepted and PDF not in accepted
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=BINARY if wants_bytes else PDF,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
