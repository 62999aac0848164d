"""Dates, periods and time notes in article text.

A *date* is a day, a month or a year as precise as the text (``2018年10月24日`` → 2018-10-24,
``2017年12月`` → 2017-12); a *period* has a start and an end (``2021年1月至11月``,
``2021年截止到11月``, ``(2016-2021)``) or only an end (``截至2024年6月底``); a *time note*
is the text's own time wording where it gives no period (``截至目前``, ``近年来``,
``建成三年以来``, ``今年1—10月``). A day without a year (``12月25日``) is kept with its month
and day only.

Examples
--------
>>> [(m.kind, m.start_value, m.end_value) for m in find_dates("2021年1月至11月,办结10785件")]
[('period', '2021-01', '2021-11')]
>>> [(m.kind, m.text) for m in find_dates("上海“一网通办”建成三年以来,已累计实施357项")]
[('note', '建成三年以来')]
>>> [(m.kind, m.start_value) for m in find_dates("2018年10月24日,总书记视察")]
[('date', '2018-10-24')]
>>> [(m.kind, m.start_value, m.end_value) for m in find_dates("截至2024年6月底,注册用户")]
[('period', None, '2024-06')]
>>> [(m.kind, m.text) for m in find_dates("今年1—10月,受理诉求")]
[('note', '今年1—10月')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Y = r"((?:19|20)\d\d)"
_M = r"(1[0-2]|0?[1-9])"
_D = r"(3[01]|[12]\d|0?[1-9])"
_TO = r"\s*(?:至|到|—|–|-|~|～)\s*"

#: Periods, most specific first; each gives (start, end) from its groups.
_PERIODS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_Y + "年" + _M + "月" + _TO + _Y + "年" + _M + "月"), "ymym"),
    (re.compile(_Y + "年" + _M + "月?" + _TO + _M + "月"), "ymm"),
    (re.compile(_Y + r"年(?:以来)?\s*(?:截至|截止到?|至|到)\s*" + _M + "月(?:底|末)?"), "y_m"),
    (re.compile(_Y + r"年?" + _TO + _Y + "年?"), "yy"),
    (re.compile(r"(?:截至|截止到?|到)\s*" + _Y + "年" + _M + "月" + _D + r"[日号]"), "to_ymd"),
    (re.compile(r"(?:截至|截止到?|到)\s*" + _Y + "年" + _M + r"月(?:底|末)?"), "to_ym"),
    (re.compile(r"(?:截至|截止到?|到)\s*" + _Y + r"年(?:底|末)"), "to_y"),
)
_DATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_Y + "年" + _M + "月" + _D + "[日号]"), "ymd"),
    (re.compile(_Y + "年" + _M + "月"), "ym"),
    (re.compile(_Y + "年"), "y"),
    (re.compile(r"(?<![\d年])" + _M + "月" + _D + "[日号]"), "md"),
    (re.compile(r"(?<!\d)" + _Y + r"[-/.]" + _M + r"[-/.]" + _D + r"(?!\d)"), "ymd"),
)
#: The text's own time wording, when it gives no period.
_NOTES = re.compile(
    r"截至目前|截止目前|截至今年[^，,。；]{0,6}|截至[^，,。；]{1,10}?(?:底|末|日|月)|"
    r"近年来|近几年来|近年|目前|至今|迄今|"
    r"(?:今年|去年|前年)(?:以来|\d{1,2}\s*[-—–~至到]\s*\d{1,2}月|\d{1,2}月(?:份|底|末)?)?|"
    r"(?:上|下)半年|前三季度|第?[一二三四]季度|"
    r"年底前|年内|"
    r"[^，,。；：“”]{1,8}?(?:以来|年来)"
)


@dataclass(frozen=True)
class DateMention:
    """A date, period or time note found in the text.

    Attributes
    ----------
    kind : {"date", "period", "note", "day"}
        ``day`` is a month and day without a year.
    start, end : int
        Offsets into the text.
    text : str
        The words as written.
    start_value, end_value : str or None
        ISO dates as precise as the text (``2021``, ``2021-11``, ``2021-11-30``); a ``day``
        gives ``--MM-DD``; a ``note`` gives none.
    """

    kind: str
    start: int
    end: int
    text: str
    start_value: str | None = None
    end_value: str | None = None


def _ym(year: str, month: str) -> str:
    return f"{year}-{int(month):02d}"


def _period(form: str, g: tuple[str, ...]) -> tuple[str, str] | None:
    if form == "ymym":
        start, end = _ym(g[0], g[1]), _ym(g[2], g[3])
    elif form == "ymm":
        start, end = _ym(g[0], g[1]), _ym(g[0], g[2])
    elif form == "y_m":
        start, end = _ym(g[0], "1"), _ym(g[0], g[1])
    elif form == "to_ymd":
        return ("", f"{_ym(g[0], g[1])}-{int(g[2]):02d}")
    elif form == "to_ym":
        return ("", _ym(g[0], g[1]))
    elif form == "to_y":
        return ("", g[0])
    else:
        start, end = g[0], g[1]
    return (start, end) if start <= end else None


def find_dates(text: str) -> list[DateMention]:
    """Return the periods, dates and time notes of ``text`` (simplified), in order.

    Periods and dates do not overlap; a note ending in 以来/年来 may hold a date (自2009年来).
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for pattern, form in _PERIODS:
        for m in pattern.finditer(text):
            period = _period(form, m.groups())
            if period and free(m.start(), m.end()):
                found.append(DateMention("period", m.start(), m.end(), m.group(),
                                         period[0] or None, period[1]))
                taken.append(m.span())
    for pattern, form in _DATES:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groups()
            if form == "ymd":
                value, kind = f"{_ym(g[0], g[1])}-{int(g[2]):02d}", "date"
            elif form == "ym":
                value, kind = _ym(g[0], g[1]), "date"
            elif form == "y":
                value, kind = g[0], "date"
            else:
                value, kind = f"--{int(g[0]):02d}-{int(g[1]):02d}", "day"
            found.append(DateMention(kind, m.start(), m.end(), m.group(), value, value))
            taken.append(m.span())
    for m in _NOTES.finditer(text):
        start = m.start()
        words = m.group()
        if words.endswith("来"):  # keep the words after a closing quote: 上海“一网通办”建成三年以来
            cut = max(words.rfind("”"), words.rfind("’"), words.rfind(" "))
            start += cut + 1
        while words.endswith("来") and start > 0 and text[start - 1] in "0123456789年月日自从":
            start -= 1  # 自2021年3月上线以来: the whole date
        if free(start, m.end()) or words.endswith("来") or words.startswith("年"):
            # 自2009年来, 2023年底前: a note may share characters with its date
            found.append(DateMention("note", start, m.end(), text[start:m.end()]))
    return sorted(found, key=lambda d: (d.start, d.end))
