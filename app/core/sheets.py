"""Reading the spreadsheets people upload (CSV as Russian Excel saves it in UTF-8, UTF-16 or Windows-1251, XLSX, or
old XLS/ODS read with calamine) into rows keyed by the columns a module recognises, with the limits every import
shares: the unpacked size of an .xlsx, the number of rows, the cell values as the error reports show them.

A module gives its header synonyms (`header_index`); columns are mapped by header name, what cannot be mapped is
reported, never guessed. Parsing is CPU work: call `read_sheet` in a worker thread (`read_upload` does).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import anyio

from app.core.errors import PayloadTooLarge

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # all members of an .xlsx (zip) together, before opening it
MAX_CELL_CHARS = 1000
MAX_ROWS = 20_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel (.xls) and other OLE2 documents


class FileError(Exception):
    """The file cannot be read (the message is for the person who uploaded it)."""


class FileTooLarge(FileError):
    """The file unpacks to more than the server reads (answered 413)."""


@dataclass
class Row:
    line: int  # as Excel numbers it
    values: dict[str, Any]


@dataclass
class Sheet:
    header_line: int
    mapping: dict[int, str]
    unmapped: list[str]
    rows: list[Row] = field(default_factory=list)


def norm_header(h: Any) -> str:
    s = str(h or "").lower().replace("ё", "е").replace(".", " ").replace(":", " ")
    return re.sub(r"\s+", " ", s).strip()


def header_index(synonyms: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Normalised header text → column key, from key → synonyms."""
    return {norm_header(s): key for key, syns in synonyms.items() for s in syns}


def check_zip(content: bytes) -> None:
    """Refuse a zip (xlsx) whose members unpack to more than the limit, before anything decompresses them.
    zipfile never inflates a member past its declared size (and then fails its CRC check), so the declared
    sizes bound the work."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError) as e:
        raise FileError("Не удалось прочитать файл Excel (.xlsx)") from e
    if total > MAX_UNPACKED_BYTES:
        raise FileTooLarge(
            f"Файл Excel после распаковки больше {MAX_UNPACKED_BYTES // (1024 * 1024)} МБ: "
            "сохраните в нём только лист с данными или разделите файл"
        )


def _zero_padded(value: Any, number_format: str) -> Any:
    """A number shown with leading zeros (format «00000») is a code such as a personnel number: keep it as shown."""
    if isinstance(value, int | float) and re.fullmatch(r"0+", number_format or "") and float(value).is_integer():
        return str(int(value)).zfill(len(number_format))
    return value


def _read_xlsx(content: bytes) -> list[list[Any]]:
    import openpyxl

    check_zip(content)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds
        raise FileError("Не удалось прочитать файл Excel (.xlsx)") from e
    try:
        ws = wb.worksheets[0]
        return [
            [_zero_padded(c.value, getattr(c, "number_format", "")) for c in row]
            for _, row in zip(range(MAX_ROWS + 20), ws.iter_rows(), strict=False)
        ]
    except Exception as e:
        raise FileError("Не удалось прочитать файл Excel (.xlsx)") from e
    finally:
        wb.close()


def _read_calamine(content: bytes, kind: str) -> list[list[Any]]:
    """Old Excel (.xls) and OpenDocument (.ods) sheets, read with calamine."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = wb.get_sheet_by_index(0)
        return [list(r) for _, r in zip(range(MAX_ROWS + 20), sheet.iter_rows(), strict=False)]
    except Exception as e:
        raise FileError(f"Не удалось прочитать файл {kind}: сохраните его в Excel как .xlsx и загрузите снова") from e


def _decode_text(content: bytes) -> str:
    if content[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as e:
            raise FileError("Файл в кодировке UTF-16 повреждён: сохраните его заново") from e
    for enc in ("utf-8-sig", "cp1251"):
        try:
            return content.decode(enc)
        except UnicodeDecodeError:
            continue
    raise FileError("Не удалось определить кодировку файла (ожидается UTF-8, UTF-16 или Windows-1251)")


def read_matrix(filename: str, content: bytes) -> list[list[Any]]:
    """The first sheet's cells (up to the row limit and a little more, so «too many rows» can be told)."""
    name = filename.lower()
    if content[:4] == b"PK\x03\x04" and name.endswith(".ods"):
        check_zip(content)
        return _read_calamine(content, "OpenDocument (.ods)")
    if content[:2] == b"PK" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(content)
    if content[:8] == OLE_MAGIC or name.endswith(".xls"):
        return _read_calamine(content, "Excel 97–2003 (.xls)")
    text = _decode_text(content)
    first = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first.count)
    try:
        return [
            row
            for _, row in zip(range(MAX_ROWS + 20), csv.reader(io.StringIO(text), delimiter=delimiter), strict=False)
        ]
    except csv.Error as e:
        raise FileError(f"Не удалось прочитать файл CSV: {e}") from e


def find_sheet(matrix: list[list[Any]], index: Mapping[str, str], no_header: str, min_columns: int = 3) -> Sheet:
    """The header row (the first of the first 15 rows naming at least `min_columns` known columns) and the
    non-empty rows below it, keyed by column key. `no_header` is the message when there is no such row."""
    for idx, row in enumerate(matrix[:15]):
        keys = [index.get(norm_header(c)) for c in row]
        if sum(1 for k in keys if k) >= min_columns:
            mapping: dict[int, str] = {}
            unmapped = []
            for col, (cell, key) in enumerate(zip(row, keys, strict=True)):
                if key and key not in mapping.values():
                    mapping[col] = key
                elif str(cell or "").strip():
                    unmapped.append(str(cell).strip())
            sheet = Sheet(header_line=idx + 1, mapping=mapping, unmapped=unmapped)
            for n, data in enumerate(matrix[idx + 1 :], start=idx + 2):
                if not any(str(c or "").strip() for c in data):
                    continue
                sheet.rows.append(
                    Row(
                        line=n,
                        values={key: (data[col] if col < len(data) else None) for col, key in mapping.items()},
                    )
                )
            if len(sheet.rows) > MAX_ROWS:
                raise FileError(f"Слишком много строк: больше {MAX_ROWS}")
            return sheet
    raise FileError(no_header)


def read_sheet(filename: str, content: bytes, index: Mapping[str, str], no_header: str) -> Sheet:
    """Parse in the calling (worker) thread; FileError for what cannot be read."""
    return find_sheet(read_matrix(filename, content), index, no_header)


async def read_upload(filename: str, content: bytes, index: Mapping[str, str], no_header: str) -> Sheet | FileError:
    """Parse off the event loop: a big or hostile file must not stall other requests. Too big answers 413."""
    try:
        return await anyio.to_thread.run_sync(read_sheet, filename, content, index, no_header)
    except FileTooLarge as e:
        raise PayloadTooLarge(str(e), code="file_too_large") from e
    except FileError as e:
        return e


def text(v: Any) -> str:
    """A cell as text (a whole float without its «.0», spaces stripped)."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def cell_text(v: Any) -> str | None:
    """A cell as the error report shows it (shortened, without NUL bytes)."""
    if v is None or v == "":
        return None
    if isinstance(v, datetime | date):
        return f"{v:%d.%m.%Y}"
    out = text(v).replace("\x00", "")
    return out[:200] + "…" if len(out) > 200 else out


def parse_date(v: Any) -> date | None:
    """Accepts ДД.ММ.ГГГГ, ГГГГ-ММ-ДД, Excel dates and Excel serial numbers; raises ValueError in Russian."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, int | float):
        if 1 < v < 80000:
            return date(1899, 12, 30) + timedelta(days=int(v))
        raise ValueError(f"Неверная дата «{v}»")
    s = str(v).strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", s)
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError as e:
        raise ValueError(f"Несуществующая дата «{s}»") from e
    raise ValueError(f"Неверная дата «{s}» (ожидается ДД.ММ.ГГГГ)")
