"""Dates in a report: this exam's own date, and dates before it that make a value the past's.

Dates are read as day/month/year or month/day/year as the document shows (a day over 12 in
one of its dates), or year-month-day; when the order cannot be told, month and day are unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FULL_DATE = re.compile(
    r"(?<!\d)(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<y>(?:19|20)\d\d)(?!\d)"
    r"|(?<!\d)(?P<iy>(?:19|20)\d\d)-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d)"
)
"""A full date: day and month (either order) and a four-digit year, or ISO year-month-day."""


def _date_key(m: re.Match[str], day_first: bool | None = True) -> tuple[int, int, int]:
    """(year, month, day) of a date; ``day_first`` says how "05/08/2026" reads (None: unknown,
    then month and day are both 0 unless one of them is over 12)."""
    if m.group("iy"):
        return int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    year, a, b = int(m.group("y")), int(m.group("a")), int(m.group("b"))
    if a > 12 or (day_first and b <= 12):
        return year, b, a
    if b > 12 or day_first is False:
        return year, a, b
    return year, 0, 0


@lru_cache(maxsize=8)
def _day_first(text: str) -> bool | None:
    """Whether the document writes day before month ("28/07/2026"), as one of its dates shows."""
    orders = set()
    for m in _FULL_DATE.finditer(text):
        if m.group("a") and int(m.group("a")) > 12:
            orders.add(True)
        elif m.group("b") and int(m.group("b")) > 12:
            orders.add(False)
    return orders.pop() if len(orders) == 1 else None


@lru_cache(maxsize=8)
def newest_date(text: str) -> tuple[int, int, int] | None:
    """The one full date of the newest year in a document, which is this exam's date.

    None when the newest year holds two different dates (a follow-up in the same year):
    then no date tells this exam from an earlier one.
    """
    dates = {_date_key(m) for m in _FULL_DATE.finditer(text)}
    if not dates:
        return None
    newest = max(year for year, _, _ in dates)
    same_year = [d for d in dates if d[0] == newest]
    return same_year[0] if len(same_year) == 1 else None


def without_exam_date(window: str, today: tuple[int, int, int] | None) -> str:
    """``window`` with this exam's own date blanked ("... mammografii wykonanej 21.11.2026 r.
    jest prawidłowy" on the line before a value): the exam's date is no sign of the past."""
    if today is None:
        return window
    return _FULL_DATE.sub(
        lambda m: " " * len(m.group()) if _date_key(m) == today else m.group(), window
    )


def exam_date_spans(window: str, today: tuple[int, int, int] | None) -> list[tuple[int, int]]:
    """Spans of ``window`` holding this exam's own date as a title: the document's newest date
    right before a colon ("Mammographie vom 19.11.2026: beidseits BI-RADS 1"). A date in a
    sentence ("No laudo de 23/01/2026 constava BI-RADS 1") stays a past cue."""
    if today is None:
        return []
    return [
        (m.start(), m.end())
        for m in _FULL_DATE.finditer(window)
        if _date_key(m) == today and re.match(r"[ \t]*:", window[m.end() :])
    ]


"""A year before a revision ("The 2023 study was revised to BI-RADS 3") makes it the past's."""


_WORDS_BEFORE_DATE = re.compile(
    r"[ \t]*(?:\((?=[ \t]*\d)[ \t]*"
    r"|(?:[/,][ \t]*[A-Z]{1,2}\d(?:[-/][A-Z]{1,2}\d)?[ \t]+)?[^\W\d_][^\d.;:]{0,30})"
)
"""Words between a value and a date; another scale's score may stand first ("BI-RADS 4c /
R4-U5 all'esame del 15/09/2026"), or the date opens a bracket ("BI-RADS 3 (05.2026)")."""


_MONTH_YEAR = re.compile(r"(?<![\d./-])(?:(?P<m>\d{1,2})[./-])?(?P<y>(?:19|20)\d\d)(?!\d|[./-]\d)")
"""A year, or a month and year ("11/2024", "01.2024"), that is not part of a full date."""


_DAY_MONTH = re.compile(r"(?<![\d./-])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?![\d/-])")
"""A day and month without a year, European style ("w MMG z 15.04."): this year's date."""


def older_date_after(text: str, end: int, limit: int, since: re.Pattern[str] | None = None) -> bool:
    """True when a date older than the document's newest stands just after a value, with only
    words between: a full date ("BI-RADS 4C en estudio del 28/07/2026"), a month and year or a
    month's name and year ("BI-RADS 3 en mayo 2024", "in ecografia del novembre 2024"), or a
    year before the newest one. Words tying the value to the date ("stable since 2019", in
    ``since``) keep it this exam's."""
    m = _WORDS_BEFORE_DATE.match(text, end, limit)
    if m is None or (since is not None and since.search(m.group())):
        return False
    order = _day_first(text)
    keys = [_date_key(d, order) for d in _FULL_DATE.finditer(text)]
    if not keys:
        return False
    newest = max(keys)
    date = _FULL_DATE.match(text, m.end(), limit)
    if date is not None:
        mine = _date_key(date, order)
        return mine[1:] != (0, 0) and mine < newest
    part = _MONTH_YEAR.match(text, m.end(), limit)
    if part is None:
        short = _DAY_MONTH.match(text, m.end(), limit)
        if short is None or order is False:
            return False
        day, month = int(short.group("d")), int(short.group("m"))
        return 0 < month <= 12 and 0 < day <= 31 and (newest[0], month, day) < newest
    year, month = int(part.group("y")), int(part.group("m") or 0)
    if month > 12:
        return False
    return year < newest[0] or (year == newest[0] and 0 < month < newest[1])


_WRITTEN_DATE = re.compile(
    r"(?<![\w.])(?:\d{1,2}\.?[ \t]+(?:de[ \t]+)?)?[^\W\d_]{3,}\.?,?[ \t]+(?:\d{1,2},?[ \t]+)?"
    r"(?:de[ \t]+)?(?P<y>(?:19|20)\d\d)(?!\d)"
)
"""A date written with the month's name: "4 March 2024", "March 4, 2024", "3 de abril de 2024"."""


def newest_year_before(text: str, end: int) -> str:
    """The newest year of the dates written in ``text`` before ``end`` ("" when none): full
    dates ("14.03.2024"), months and years ("03/2024") and dates with the month's name. A
    lone number that looks like a year (a telephone's "555 2040") is no date."""
    years = [m.group("y") or m.group("iy") for m in _FULL_DATE.finditer(text, 0, end)]
    years += [m.group("y") for m in _MONTH_YEAR.finditer(text, 0, end) if m.group("m")]
    years += [m.group("y") for m in _WRITTEN_DATE.finditer(text, 0, end)]
    return max(years, default="")
