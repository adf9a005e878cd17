"""Checks of uploaded files: evidence (pdf, images, Office files) and the Excel upload.

A file is judged by its content, not only its name: its extension must be one accepted AND its
first bytes must be those of that type, and an Office file (a zip) must hold the part that makes
it a workbook or a document. So a renamed ``.exe``, an HTML page called ``.png`` or a zip called
``.docx`` is refused whatever it is called; the browser's content type is not trusted at all.

Sizes: at most ``settings.UPLOAD_MAX_BYTES`` per file (``PLANEVAL_UPLOAD_MAX_MB``, default 5 MB),
an Excel upload at most :data:`WORKBOOK_MAX_BYTES` as well, and its unzipped content at most
:data:`UNZIPPED_MAX_BYTES` (a small zip can unpack to gigabytes). The whole request is limited
before any of it is read (:class:`planeval.web.core.middleware.RequestSizeLimitMiddleware`).
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ZIP = b"PK\x03\x04"
EVIDENCE_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".xlsx": ZIP,
    ".docx": ZIP,
}
"""Evidence types accepted, with the bytes such a file starts with."""
OFFICE_PARTS = {".xlsx": "xl/workbook.xml", ".docx": "word/document.xml"}
"""The part an Office file (a zip) must hold to be what its extension says."""
WORKBOOK_MAX_BYTES = 2 * 1024 * 1024
"""A filled-in template of a department (a few hundred rows) is far smaller."""
UNZIPPED_MAX_BYTES = 50 * 1024 * 1024


def extension(upload: UploadedFile) -> str:
    """The file name's extension in lower case (``.pdf``), or ``""``."""
    return PurePath(upload.name or "").suffix.lower()


def _starts_with(upload: UploadedFile, signature: bytes) -> bool:
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    return head == signature


def _zip_parts(upload: UploadedFile) -> dict[str, int] | None:
    """The parts of a zip file with their unzipped sizes, or None when it is not a readable zip."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)


def _holds(upload: UploadedFile, part: str) -> bool:
    parts = _zip_parts(upload)
    return parts is not None and part in parts


def check_size(upload: UploadedFile, limit: int) -> None:
    """Raises: ValidationError when the file is larger than ``limit`` bytes."""
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


def check_evidence(upload: UploadedFile) -> UploadedFile:
    """The upload when it is a pdf, png, jpg, xlsx or docx file of at most
    ``settings.UPLOAD_MAX_BYTES``, by its name and by its content.

    Raises:
        ValidationError: another type (by extension or content), or too large.
    """
    check_size(upload, settings.UPLOAD_MAX_BYTES)
    kind = extension(upload)
    signature = EVIDENCE_SIGNATURES.get(kind)
    if signature is None:
        raise ValidationError(
            _("%(name)s is not accepted as evidence: attach a PDF, PNG, JPG, XLSX or DOCX file.")
            % {"name": upload.name}
        )
    if not _starts_with(upload, signature) or (kind in OFFICE_PARTS and not _holds(upload, OFFICE_PARTS[kind])):
        raise ValidationError(
            _(
                "%(name)s is not a %(kind)s file, whatever its name says: it is refused. Attach a PDF, PNG, JPG, XLSX "
                "or DOCX file."
            )
            % {"name": upload.name, "kind": kind[1:].upper()}  # fmt: skip
        )
    return upload


def check_workbook(upload: UploadedFile) -> UploadedFile:
    """The upload when it is an Excel workbook (.xlsx) of at most :data:`WORKBOOK_MAX_BYTES` (and
    ``settings.UPLOAD_MAX_BYTES``) that unzips to at most :data:`UNZIPPED_MAX_BYTES`.

    Raises:
        ValidationError: another extension, too large, not an .xlsx workbook by its content.
    """
    if extension(upload) != ".xlsx":
        raise ValidationError(_("Upload the Excel template as an .xlsx file."))
    check_size(upload, min(WORKBOOK_MAX_BYTES, settings.UPLOAD_MAX_BYTES))
    parts = _zip_parts(upload) if _starts_with(upload, ZIP) else None
    if parts is None or OFFICE_PARTS[".xlsx"] not in parts:
        raise ValidationError(
            _(
                "%(name)s cannot be opened as an Excel workbook, whatever its name says: download the template "
                "again and fill it in."
            )
            % {"name": upload.name}  # fmt: skip
        )
    if sum(parts.values()) > UNZIPPED_MAX_BYTES:
        raise ValidationError(
            _("%(name)s unpacks to more than %(limit)s: a department's template is far smaller.")
            % {"name": upload.name, "limit": filesizeformat(UNZIPPED_MAX_BYTES)}
        )
    return upload
