"""The type of an uploaded file, decided by its content (magic bytes), never by its name alone."""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
CSV = "text/csv"
TXT = "text/plain"

EXTENSIONS = {
    PDF: {".pdf"},
    PNG: {".png"},
    JPEG: {".jpg", ".jpeg"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    ODS: {".ods"},
    CSV: {".csv"},
    TXT: {".txt", ".csv"},
}
ALLOWED_RU = "PDF, DOCX, XLSX, ODS, PNG, JPEG, CSV или TXT"


def _zip_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = set(z.namelist())
            if "mimetype" in names:
                mimetype = z.read("mimetype")[:100].decode("ascii", "replace").strip()
                return ODS if mimetype == ODS else None
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return DOCX
                if any(n.startswith("xl/") for n in names):
                    return XLSX
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    return None


def _is_text(content: bytes) -> bool:
    if not content or b"\x00" in content:
        return False
    sample = content[:65536]
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError as e:
            if encoding == "utf-8-sig" and e.start >= len(sample) - 3:  # a character cut by the sample's end
                text = sample[: e.start].decode(encoding)
            else:
                continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
        return controls <= len(text) // 100
    return False


def detect(content: bytes, filename: str) -> str | None:
    """The content type, or None for a type we do not keep."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    if _is_text(content):
        return CSV if filename.lower().endswith(".csv") else TXT
    return None


def extension_matches(content_type: str, filename: str) -> bool:
    """A name with an extension of another known type (a PNG called «отчёт.pdf») is refused; no extension is fine."""
    lower = filename.lower()
    known = set().union(*EXTENSIONS.values())
    ext = lower[lower.rfind(".") :] if "." in lower else ""
    return ext not in known or ext in EXTENSIONS[content_type]
