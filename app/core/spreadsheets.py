"""Reading the spreadsheets people upload (CSV as Russian Excel saves it in UTF-8, UTF-16 or Windows-1251, XLSX, old
XLS and ODS through calamine) into a matrix of cells, and the cell helpers every importer uses: dates as people type
them, cells as an error report quotes them, header names compared loosely.

Shared by the importers of the modules (teachers, participants of events, …). Reading is CPU work on untrusted
input: call `read_matrix` in a worker thread. An .xlsx is refused before unpacking when its members together unpack
to more than the limit; a cell is never longer than the limit the importer checks.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from typing import Any

MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # all members of an .xlsx (zip) together, before opening it
DEFAULT_MAX_ROWS = 20_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Excel (.xls) and other OLE2 documents


class FileError(Exception):
    """The file cannot be read (the message, in Russian, goes into the import report)."""


class FileTooLarge(FileError):
    """The file unpacks to more than the server reads (answered 413)."""


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
            "оставьте в нём только нужный лист или разделите файл"
        )


def zero_padded(value: Any, number_format: str) -> Any:
    """A number shown with leading zeros (format «00000») is a code such as a personnel number: keep it as shown."""
    if isinstance(value, int | float) and re.fullmatch(r"0+", number_format or "") and float(value).is_integer():
        return str(int(value)).zfill(len(number_format))
    return value


def _read_xlsx(content: bytes, max_rows: int) -> list[list[Any]]:
    import openpyxl

    check_zip(content)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds
        raise FileError("Не удалось прочитать файл Excel (.xlsx)") from e
    try:
        ws = wb.worksheets[0]
        return [
            [zero_padded(c.value, getattr(c, "number_format", "")) for c in row]
            for _, row in zip(range(max_rows + 20), ws.iter_rows(), strict=False)
        ]
    except Exception as e:
        raise FileError("Не удалось прочитать файл Excel (.xlsx)") from e
    finally:
        wb.close()


def _read_calamine(content: bytes, kind: str, max_rows: int) -> list[list[Any]]:
    """Old Excel (.xls) and OpenDocument (.ods) sheets, read with calamine."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = wb.get_sheet_by_index(0)
        return [list(r) for _, r in zip(range(max_rows + 20), sheet.iter_rows(), strict=False)]
    except Exception as e:
        raise FileError(f"Не удалось прочитать файл {kind}: сохраните его в Excel как .xlsx и загрузите снова") from e


def decode_text(content: bytes) -> str:
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


def read_matrix(filename: str, content: bytes, max_rows: int = DEFAULT_MAX_ROWS) -> list[list[Any]]:
    """The first sheet (or the CSV) as rows of cells, at most `max_rows` + 20 rows (the caller reports «too many»)."""
    name = filename.lower()
    if content[:4] == b"PK\x03\x04" and name.endswith(".ods"):
        check_zip(content)
        return _read_calamine(content, "OpenDocument (.ods)", max_rows)
    if content[:2] == b"PK" or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(content, max_rows)
    if content[:8] == OLE_MAGIC or name.endswith(".xls"):
        return _read_calamine(content, "Excel 97–2003 (.xls)", max_rows)
    text = decode_text(content)
    first = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first.count)
    try:
        return [
            row
            for _, row in zip(range(max_rows + 20), csv.reader(io.StringIO(text), delimiter=delimiter), strict=False)
        ]
    except csv.Error as e:
        raise FileError(f"Не удалось прочитать файл CSV: {e}") from e


def norm_header(h: Any) -> str:
    """A column header as synonyms are compared: lower case, ё = е, no dots or colons, single spaces."""
    s = str(h or "").lower().replace("ё", "е").replace(".", " ").replace(":", " ")
    return re.sub(r"\s+", " ", s).strip()


def text(v: Any) -> str:
    """A cell as text: stripped, an integral float without «.0»."""
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
