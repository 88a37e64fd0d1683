"""Timeframes of a roadmap activity as the order writes them («Сентябрь 2020», «Апрель 2021, далее ежегодно в
апреле», «Июль-август (ежегодно)», «В течение всего периода», «По графику проведения ВПР») → a structured schedule:

- `once`: one window (a month, months, a year, years, a quarter, a half-year, a date) with its due date (the window's
  last day);
- `recurring`: an RFC 5545 RRULE (with `DTSTART` = the first window's start) producing one window a period (yearly in
  April; July–August every year; monthly; quarterly);
- `continuous`: the whole programme period, with periodic check-ins (one a half of the calendar year: the report of
  June and of December);
- `unparsed`: the text stays as written and the activity is flagged for a person to set the dates.

A note that carries meaning but no date («по запросам», «по графику проведения ВПР») is kept beside the schedule.
Occurrences are computed inside the programme's period with `python-dateutil`. Pure functions, no database.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

Kind = Literal["once", "recurring", "continuous", "unparsed"]

# month stems: nominative «апрель», genitive «апреля», prepositional «апреле», short «апр.»
_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,  # май, мая, мае
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_MONTH_RE = r"(январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"  # noqa: E501
_YEAR_RE = r"((?:19|20)\d\d)"
_DASH = r"\s*[-–—]\s*"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

CONTINUOUS_RRULE = "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1"  # check-ins: 30 June and 31 December


@dataclass(frozen=True)
class Schedule:
    """The structured schedule of an activity's timeframe."""

    kind: Kind
    starts_on: date | None = None  # the (first) window's first day
    due_on: date | None = None  # the (first) window's last day; for `continuous` — none
    rrule: str | None = None  # RFC 5545 RRULE of the window starts (`recurring`) or of the check-ins (`continuous`)
    window_months: int = 0  # a recurring window's length in months (0: a single day)
    until: date | None = None  # the last day a recurrence may produce a window (when the text names one)
    note: str | None = None  # words that carry meaning but no date
    needs_review: bool = False  # a person should set the dates
    reasons: list[str] = field(default_factory=list)  # why it is flagged (Russian)

    @property
    def label(self) -> str:
        return {
            "once": "срок",
            "recurring": "повторяется",
            "continuous": "постоянно",
            "unparsed": "не распознано",
        }[self.kind]


@dataclass(frozen=True)
class Occurrence:
    starts_on: date
    due_on: date


def _month(word: str) -> int:
    w = word.lower()
    for stem, n in sorted(_MONTHS.items(), key=lambda x: -len(x[0])):
        if w.startswith(stem):
            return n
    raise ValueError(word)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _norm(text: str) -> str:
    t = text.replace("\xa0", " ").replace("ё", "е").replace("Ё", "Е").strip()
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"(?<=\d)\s*г(?:г|ода|од)?\.?(?=$|[\s,;)–-])", "", t)  # «2020 г.», «2020-2021 гг.»
    return t.strip(" .;")


def _note_of(text: str) -> tuple[str, str | None]:
    """Split «…, далее по запросам» / «… (по запросам)» into the dated part and the note."""
    note = None
    m = re.search(r"\((.*?)\)", text)
    if m and not re.search(r"ежегодн|ежемесячн|ежекварт", m.group(1), re.I):
        note = m.group(1).strip()
        text = (text[: m.start()] + text[m.end() :]).strip(" ,")
    m = re.search(r",?\s*далее\s+по\s+(запрос\w*|необходимост\w*|мере\s+необходимост\w*)", text, re.I)
    if m:
        note = ("далее по " + m.group(1)).strip()
        text = text[: m.start()].strip(" ,")
    return text, note


def parse(text: str, period_start: date | None = None, period_end: date | None = None) -> Schedule:
    """Parse a timeframe as written. `period_start`/`period_end`: the programme's period (for the words «в течение
    всего периода» and for a yearly recurrence written without a year, which starts in the programme's first year)."""
    raw = _norm(text or "")
    if not raw:
        return Schedule("unparsed", needs_review=True, reasons=["Срок не указан"])
    body, note = _note_of(raw)
    low = body.lower()

    # continuous
    if re.fullmatch(
        r"(в течение (всего )?(периода|срока реализации( программы)?|года|учебного года)|постоянно|"
        r"систематически|регулярно|весь период)",
        low,
    ):
        return _continuous(period_start, period_end, note)

    yearly = re.search(r"\(?\s*ежегодно\s*\)?", low)
    # «Апрель 2021, далее ежегодно в апреле», «Январь 2021, далее ежегодно»
    m = re.fullmatch(_MONTH_RE + r" " + _YEAR_RE + r",? (далее|затем)? ?ежегодно( в " + _MONTH_RE + r")?", low)
    if m:
        month, year = _month(m.group(1)), int(m.group(2))
        if m.group(5) and _month(m.group(5)) != month:
            return _flag(raw, note, "Месяц повтора не совпадает с первым сроком")
        return _recurring(date(year, month, 1), f"FREQ=YEARLY;BYMONTH={month}", 1, note, period_end)

    # «По графику проведения ВПР (ежегодно)»: recurring but the dates are someone else's schedule
    if low.startswith("по графику") or low.startswith("по плану") or low.startswith("по мере"):
        reason = "Срок задан чужим графиком: укажите даты"
        return Schedule("unparsed", note=raw, needs_review=True, reasons=[reason])

    # yearly windows: «Июль-август (ежегодно)», «ежегодно в апреле», «ежегодно, сентябрь»
    if yearly:
        rest = re.sub(r"\(?\s*ежегодно\s*\)?,?", " ", low).replace(" в ", " ").strip(" ,")
        rest = re.sub(r"^в ", "", rest)
        m = re.fullmatch(_MONTH_RE + r"(?:" + _DASH + _MONTH_RE + r")?(?: " + _YEAR_RE + r")?", rest)
        if m:
            first = _month(m.group(1))
            last = _month(m.group(2)) if m.group(2) else first
            months = (last - first) % 12 + 1
            year = int(m.group(3)) if m.group(3) else _first_year(first, months, period_start)
            if year is None:
                return _flag(raw, note, "Нет года начала и периода программы")
            return _recurring(date(year, first, 1), f"FREQ=YEARLY;BYMONTH={first}", months, note, period_end)
        if rest == "":
            return _flag(raw, note, "«Ежегодно» без месяца: укажите месяц")

    m = re.fullmatch(r"(ежемесячно|ежеквартально|раз в квартал|раз в полугодие|1 раз в полугодие)", low)
    if m:
        interval = {"ежемесячно": 1, "ежеквартально": 3, "раз в квартал": 3}.get(m.group(1), 6)
        if period_start is None:
            return _flag(raw, note, "Нет периода программы")
        start = period_start.replace(day=1)
        return _recurring(start, f"FREQ=MONTHLY;INTERVAL={interval}", interval, note, period_end)

    once = _window(low)
    if once is not None:
        return Schedule("once", starts_on=once[0], due_on=once[1], note=note)
    return _flag(raw, note, "Срок не распознан: укажите даты")


def _flag(raw: str, note: str | None, reason: str) -> Schedule:
    return Schedule("unparsed", note=note, needs_review=True, reasons=[reason])


def _first_year(month: int, months: int, period_start: date | None) -> int | None:
    """The year of the first window that is not over when the programme starts (July–August of 2020 for a programme
    that starts in August 2020)."""
    if period_start is None:
        return None
    year = period_start.year
    end = date(year, month, 1) + relativedelta(months=months) - timedelta(days=1)
    return year if end >= period_start else year + 1


def _continuous(start: date | None, end: date | None, note: str | None) -> Schedule:
    reasons = [] if start and end else ["Нет периода программы: отчёты не назначены"]
    return Schedule(
        "continuous",
        starts_on=start,
        due_on=end,
        rrule=CONTINUOUS_RRULE,
        note=note,
        needs_review=bool(reasons),
        reasons=reasons,
    )


def _recurring(start: date, rule: str, months: int, note: str | None, until: date | None) -> Schedule:
    return Schedule(
        "recurring",
        starts_on=start,
        due_on=start + relativedelta(months=months) - timedelta(days=1),
        rrule=rule,
        window_months=months,
        until=until,
        note=note,
    )


def _window(low: str) -> tuple[date, date] | None:
    """A single window: «сентябрь 2020», «март-апрель 2021», «сентябрь 2020 – май 2021», «2022», «2020-2021»,
    «2020/2021 учебный год», «I квартал 2021», «1 полугодие 2021», «до 01.09.2021», «01.09.2021», «до 1 сентября
    2021», «1–15 сентября 2021»."""
    m = re.fullmatch(_MONTH_RE + r" " + _YEAR_RE, low)
    if m:
        mo, y = _month(m.group(1)), int(m.group(2))
        return date(y, mo, 1), _last_day(y, mo)
    m = re.fullmatch(_MONTH_RE + _DASH + _MONTH_RE + r" " + _YEAR_RE, low)
    if m:
        a, b, y = _month(m.group(1)), _month(m.group(2)), int(m.group(3))
        yb = y if b >= a else y + 1  # «ноябрь-январь 2021» crosses the year
        return date(y, a, 1), _last_day(yb, b)
    m = re.fullmatch(_MONTH_RE + r" " + _YEAR_RE + _DASH + _MONTH_RE + r" " + _YEAR_RE, low)
    if m:
        start, end = date(int(m.group(2)), _month(m.group(1)), 1), _last_day(int(m.group(4)), _month(m.group(3)))
        return (start, end) if end >= start else None
    m = re.fullmatch(_YEAR_RE, low)
    if m:
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    m = re.fullmatch(_YEAR_RE + _DASH + _YEAR_RE, low)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return (date(a, 1, 1), date(b, 12, 31)) if b >= a else None
    m = re.fullmatch(_YEAR_RE + r"\s*/\s*" + _YEAR_RE + r"( учебн\w*( год\w*)?)?", low)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return date(int(m.group(1)), 9, 1), date(int(m.group(2)), 8, 31)
    m = re.fullmatch(r"(i{1,3}|iv|[1-4])[ -]?(?:й )?квартал\w* " + _YEAR_RE, low)
    if m:
        q, y = _ROMAN[m.group(1)], int(m.group(2))
        return date(y, 3 * q - 2, 1), _last_day(y, 3 * q)
    m = re.fullmatch(r"(i{1,2}|[12])[ -]?(?:е )?полугоди\w* " + _YEAR_RE, low)
    if m:
        h, y = _ROMAN[m.group(1)], int(m.group(2))
        return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
    m = re.fullmatch(r"(?:до |не позднее )?(\d{1,2})\.(\d{1,2})\.(\d{4})", low)
    if m:
        d = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return (d, d) if d else None
    m = re.fullmatch(r"(?:до |не позднее )?(\d{1,2}) " + _MONTH_RE + r" " + _YEAR_RE, low)
    if m:
        d = _date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        return (d, d) if d else None
    m = re.fullmatch(r"(\d{1,2})" + _DASH + r"(\d{1,2}) " + _MONTH_RE + r" " + _YEAR_RE, low)
    if m:
        y, mo = int(m.group(4)), _month(m.group(3))
        a, b = _date(y, mo, int(m.group(1))), _date(y, mo, int(m.group(2)))
        return (a, b) if a and b and b >= a else None
    return None


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def occurrences(schedule: Schedule, period_start: date, period_end: date) -> list[Occurrence]:
    """The dated occurrences of a schedule inside the programme's period (a window that starts in the period and
    runs past its end is kept whole: the order's «декабрь» of the last year is still due in December)."""
    if schedule.kind == "once":
        if schedule.starts_on is None or schedule.due_on is None:
            return []
        return [Occurrence(schedule.starts_on, schedule.due_on)]
    if schedule.kind == "recurring" and schedule.rrule and schedule.starts_on:
        until = min(d for d in (schedule.until, period_end) if d is not None)
        rule = rrulestr(schedule.rrule, dtstart=_dt(schedule.starts_on))
        out = []
        for start in rule.between(_dt(schedule.starts_on), _dt(until), inc=True):
            first = start.date()
            last = (
                first + relativedelta(months=schedule.window_months) - timedelta(days=1)
                if schedule.window_months
                else first
            )
            out.append(Occurrence(first, last))
        return out
    if schedule.kind == "continuous" and schedule.rrule:
        start = schedule.starts_on or period_start
        end = schedule.due_on or period_end
        rule = rrulestr(schedule.rrule, dtstart=_dt(start))
        out, prev = [], start
        for check_in in rule.between(_dt(start), _dt(end), inc=True):
            out.append(Occurrence(prev, check_in.date()))
            prev = check_in.date() + timedelta(days=1)
        if prev <= end:  # the programme ends between two check-ins: its last day is the last report
            out.append(Occurrence(prev, end))
        return out
    return []


def _dt(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)
