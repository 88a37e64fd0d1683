"""Spreadsheet exports people open in Excel: XLSX (typed cells, a frozen bold header, column widths) and CSV as
Russian Excel reads it (UTF-8 with BOM, `;` separator). Rendering is CPU work: call `render` in a thread.

Formula injection: in XLSX every text is written as a string cell (never a formula), so it shows unchanged; CSV has
no cell types, so a text starting with = + - @ gets a leading apostrophe there."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from urllib.parse import quote

from fastapi import Response
from fastapi.responses import StreamingResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

ExportFormat = Literal["xlsx", "csv"]


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 16
    kind: Literal["text", "date", "number"] = "text"


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%d.%m.%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    text = str(value)
    # A cell starting with = + - @ is a formula to Excel: neutralise it (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def render_csv(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.title for c in columns])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


Sheet = tuple[str, Sequence[Column], Sequence[Sequence[Any]]]


def _cell(ws: Any, col: Column, value: Any) -> Any:
    if col.kind == "date" and isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "DD.MM.YYYY"
        return cell
    if isinstance(value, str) and value[:1] == "=":
        # openpyxl would store a string starting with "=" as a formula. A string cell is never evaluated by Excel,
        # so the text is shown exactly as it is (no stray apostrophe, unlike the CSV guard).
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def render_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """One or more sheets: a bold frozen header, column widths, dates as Excel dates."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title=title[:31])
        for i, col in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.freeze_panes = "A2"
        header = []
        for col in columns:
            cell = WriteOnlyCell(ws, value=col.title)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in rows:
            ws.append([_cell(ws, col, value) for col, value in zip(columns, row, strict=True)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render(fmt: ExportFormat, columns: Sequence[Column], rows: Sequence[Sequence[Any]], sheet_title: str) -> bytes:
    return render_xlsx([(sheet_title, columns, rows)]) if fmt == "xlsx" else render_csv(columns, rows)


def content_disposition(filename: str, ascii_fallback: str) -> str:
    """attachment with a Russian file name (RFC 6266 / 5987) and an ASCII fallback for old clients."""
    return f"attachment; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(filename)}"


MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def attachment(content: bytes, fmt: str, filename: str, ascii_fallback: str) -> Response:
    """A spreadsheet as a download (`filename` without the extension: the format's is added)."""
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": content_disposition(f"{filename}.{fmt}", f"{ascii_fallback}.{fmt}")},
    )


def stored_file_response(stream: Any, *, file_id: Any, name: str, content_type: str, size: int) -> StreamingResponse:
    """A stored file streamed as a download: the Russian name (RFC 5987) with an ASCII fallback, never sniffed."""
    ext = name[name.rfind(".") :] if "." in name else ""
    ascii_ext = ext if ext.isascii() and len(ext) <= 10 else ""
    return StreamingResponse(
        stream,
        media_type=content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""),
        headers={
            "Content-Disposition": content_disposition(name, f"file-{file_id}{ascii_ext}"),
            "Content-Length": str(size),
            "X-Content-Type-Options": "nosniff",
        },
    )


FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Содержимое файла", "content": {"application/octet-stream": {}}}
}


def export_responses(description: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` of an export route: the file in either format."""
    return {200: {"description": description, "content": {MEDIA_TYPES["xlsx"]: {}, "text/csv": {}}}}
