"""Checks of uploaded files: evidence (pdf, images, Office files) and the Excel upload.

A file is accepted by its extension AND its first bytes, so a renamed ``.exe`` or ``.html`` is
refused whatever it is called.
"""

from __future__ import annotations

from pathlib import PurePath

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
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
WORKBOOK_MAX_BYTES = 2 * 1024 * 1024


def extension(upload: UploadedFile) -> str:
    """The file name's extension in lower case (``.pdf``), or ``""``."""
    return PurePath(upload.name or "").suffix.lower()


def _starts_with(upload: UploadedFile, signature: bytes) -> bool:
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    return head == signature


def check_size(upload: UploadedFile, limit: int) -> None:
    """Raises: ValidationError when the file is larger than ``limit`` bytes."""
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {"name": upload.name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )


def check_evidence(upload: UploadedFile) -> UploadedFile:
    """The upload when it is a pdf, png, jpg, xlsx or docx file of at most 5 MB.

    Raises:
        ValidationError: another type (by extension or content), or too large.
    """
    check_size(upload, EVIDENCE_MAX_BYTES)
    signature = EVIDENCE_SIGNATURES.get(extension(upload))
    if signature is None or not _starts_with(upload, signature):
        raise ValidationError(
            _("%(name)s is not accepted as evidence: attach a PDF, PNG, JPG, XLSX or DOCX file.")
            % {"name": upload.name}
        )
    return upload
