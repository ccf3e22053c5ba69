"""A CV goes to employers, so it must be a plain document: no scripts, no actions that launch
programs, no attached files, and no second format hidden in the same bytes (polyglots)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from profiles.cv import cv_validate
from tests.profiles.factories import pdf_bytes


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def _with_javascript() -> bytes:
    writer = _blank()
    writer.add_js("app.alert('hello');")
    return _written(writer)


def _with_open_action_javascript() -> bytes:
    writer = _blank()
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.launchURL('https://evil.example');"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def _with_launch() -> bytes:
    writer = _blank()
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def _with_attachment() -> bytes:
    writer = _blank()
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return _written(writer)


def _html_polyglot() -> bytes:
    return b"<html><script>alert(document.cookie)</script>\n" + pdf_bytes()


def _zip_polyglot() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("evil.js", "alert(1)")
    return pdf_bytes() + archive.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        _with_javascript,
        _with_open_action_javascript,
        _with_launch,
        _with_attachment,
        _html_polyglot,
        _zip_polyglot,
    ],
)
def test_active_or_hidden_content_is_refused(make):
    upload = SimpleUploadedFile("cv.pdf", make(), content_type="application/pdf")
    with pytest.raises(ValidationError) as raised:
        cv_validate(upload)
    assert raised.value.code in ("active_content", "polyglot", "not_pdf")


def test_a_plain_pdf_with_a_link_is_accepted():
    writer = _blank()
    writer.add_uri(0, "https://www.linkedin.com/in/someone", [50, 50, 200, 70])
    cv_validate(SimpleUploadedFile("cv.pdf", _written(writer), content_type="application/pdf"))
