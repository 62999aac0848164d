"""A small grammar for numbers written with Chinese numerals and multipliers.

It reads the numeral part of a figure: ``一万二`` (12000), ``两万五`` (25000), ``一万零二``
(10002), ``三百五十七``, ``1.2萬``, ``1.2 万``, ``3亿2000万``, ``20多万`` and ``十多万`` (the
hedge is handed back), in simplified and traditional forms (万/萬, 亿/億, 两/兩) and the
financial digits (壹贰叁 …, 拾佰仟). Hedge words before and after the number, percent signs and
measure words are :mod:`netgov_kg.ingest.numbers`' job.

What has two readings is refused, never guessed:

* digits side by side without a unit: ``一二三`` (123 written digit by digit, or a list) and
  ``三四十`` / ``五六万`` (a range: "thirty or forty");
* a last digit after a unit whose place is not clear: ``一万二`` is 12000 and ``一千五`` is 1500
  (the digit fills the next place down), but ``十万二`` and ``二十万五`` (the place below 十万 or
  below 万?) are refused; so is ``1万250`` (10250 or 12500?): write ``1万零250`` or ``10250``;
* ``兆`` (10**6 in today's metric usage, 10**12 in the traditional one).

``chinese`` numerals reach below 10**16 without repeating 亿 (``九千九百九十九万亿…``);
``一百亿亿`` is read (as 10**18) so that the caller's bound refuses it as too large.

Examples
--------
>>> read_numeral("一万二")
(Decimal('12000'), None)
>>> read_numeral("20多万")
(Decimal('200000'), '多')
>>> read_numeral("1.2 萬")
(Decimal('12000.0'), None)
>>> read_numeral("一二三")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
netgov_kg.ingest.numerals.NumeralError: '一二三': two readings: digits side by side (一二) are ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

#: Chinese digits, simplified, traditional and financial.
DIGITS: dict[str, int] = {
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8,
    "捌": 8, "九": 9, "玖": 9,
}
#: Zero, written between places (一千零五) or alone.
ZEROS = "零〇"
#: Units inside a group of four places.
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Units that close a group: the power of ten.
BIG_UNITS: dict[str, int] = {"万": 4, "萬": 4, "亿": 8, "億": 8}
#: Hedges that may stand between a number and its big unit (20多万, 3000余万).
INNER_HEDGES = "多余"
_TWO = "两兩"

_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_UNIT_CHARS = set(SMALL_UNITS) | set(BIG_UNITS)


@dataclass(frozen=True)
class _Tok:
    kind: str  # "num", "zero", "unit", "big", "hedge"
    text: str
    value: Decimal = Decimal(0)  # num: the value; unit: 10, 100, 1000; big: 4 or 8

    @property
    def digit(self) -> bool:
        """One digit 1–9 (Chinese or Arabic): a number that may take a last abbreviated digit."""
        return self.kind == "num" and self.value == self.value.to_integral_value() \
            and 1 <= self.value <= 9 and "." not in self.text


class _Refused(ValueError):
    pass


class NumeralError(ValueError):
    """A numeral that is refused; ``reason`` says why without quoting the numeral."""

    def __init__(self, numeral: str, reason: str) -> None:
        self.numeral, self.reason = numeral, reason
        super().__init__(f"{numeral!r}: {reason}")


def _next_char(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


def scan(text: str, start: int = 0) -> tuple[str, int]:
    """Return the numeral that starts at ``start`` of ``text`` and where it ends.

    Spaces are part of it only before a unit (``1.2 万``); a hedge (多, 余) only before a big
    unit (``20多万``).

    Examples
    --------
    >>> scan("4.5万个")
    ('4.5万', 4)
    >>> scan("20多个")
    ('20', 2)
    """
    i = start
    while i < len(text):
        ch = text[i]
        match = _ARABIC.match(text, i)
        if match:
            i = match.end()
            continue
        if ch in DIGITS or ch in ZEROS or ch in _UNIT_CHARS or ch == "兆":
            i += 1
        elif ch in INNER_HEDGES and i > start and _next_char(text, i + 1) in BIG_UNITS:
            i += 1
        elif ch.isspace() and i > start and _next_char(text, i) in _UNIT_CHARS:
            i += 1
        else:
            break
    return text[start:i], i


def _tokens(numeral: str) -> list[_Tok]:
    out: list[_Tok] = []
    i = 0
    while i < len(numeral):
        ch = numeral[i]
        match = _ARABIC.match(numeral, i)
        if match:
            out.append(_Tok("num", match.group(), Decimal(match.group().replace(",", ""))))
            i = match.end()
            continue
        if ch in DIGITS:
            out.append(_Tok("num", ch, Decimal(DIGITS[ch])))
        elif ch in ZEROS:
            out.append(_Tok("zero", ch))
        elif ch in SMALL_UNITS:
            out.append(_Tok("unit", ch, Decimal(SMALL_UNITS[ch])))
        elif ch in BIG_UNITS:
            out.append(_Tok("big", ch, Decimal(BIG_UNITS[ch])))
        elif ch in INNER_HEDGES:
            out.append(_Tok("hedge", ch))
        elif ch == "兆":
            raise _Refused("兆 is 10**6 in today's usage and 10**12 in the traditional one; "
                           "write 万 and 亿 or Arabic digits")
        elif not ch.isspace():  # pragma: no cover - scan() keeps only these characters
            raise _Refused(f"{ch!r} is not part of a number")
        i += 1
    return out


def read_numeral(numeral: str) -> tuple[Decimal, str | None]:
    """Read a numeral found by :func:`scan`: its value and the hedge inside it (or ``None``).

    Raises
    ------
    NumeralError
        If it is not a numeral, or has two readings (the message says why).

    Examples
    --------
    >>> read_numeral("三亿零五")
    (Decimal('300000005'), None)
    >>> read_numeral("1.73亿")
    (Decimal('173000000.00'), None)
    """
    try:
        toks = _tokens(numeral)
        hedge = None
        hedges = [i for i, t in enumerate(toks) if t.kind == "hedge"]
        if hedges:
            at = hedges[0]
            if len(hedges) > 1 or at != len(toks) - 2 or at == 0:
                raise _Refused("多 or 余 stands only before the last 万 or 亿 (20多万)")
            hedge = toks.pop(at).text
        if not toks:
            raise _Refused("no number")
        if len(toks) == 1 and toks[0].kind == "zero":
            return Decimal(0), hedge
        _check_decimal(toks)
        return _number(toks, leading=True), hedge
    except _Refused as exc:
        raise NumeralError(numeral, str(exc)) from None


def _check_decimal(toks: list[_Tok]) -> None:
    """Refuse a decimal (1.2万) that is not first or that digits follow."""
    for i, tok in enumerate(toks):
        if tok.kind == "num" and "." in tok.text:
            if i != 0 or any(t.kind in ("num", "zero") for t in toks[i + 1:]):
                raise _Refused("a number with a decimal point is followed by units only "
                               "(1.2万)")


def _number(toks: list[_Tok], *, leading: bool) -> Decimal:
    """[X 亿] [零] [W]: X is itself a number, W a number below 10**8 without 亿."""
    cut = max((i for i, t in enumerate(toks) if t.kind == "big" and t.value == 8), default=None)
    if cut is None:
        return _group(toks, 4, leading=leading)
    head, tail = toks[:cut], toks[cut + 1:]
    if not head or head[0].kind == "zero":
        raise _Refused("亿 needs a number before it")
    if any(t.kind == "big" and t.value == 8 for t in head) and not (
            head[-1].kind == "big" and head[-1].value == 8):
        raise _Refused("亿 twice: write 亿亿 together or Arabic digits")
    high = _number(head, leading=leading) * 10**8
    return high + _rest(head, tail, 8)


def _group(toks: list[_Tok], power: int, *, leading: bool) -> Decimal:
    """[S 万] [零] [S] (power 4), or a plain section S below 10**4."""
    cuts = [i for i, t in enumerate(toks) if t.kind == "big"]
    if not cuts:
        return _section(toks, leading=leading)
    if len(cuts) > 1:
        raise _Refused("万 stands once between 亿s")
    cut = cuts[0]
    head, tail = toks[:cut], toks[cut + 1:]
    if not head or head[0].kind == "zero":
        raise _Refused("万 needs a number before it")
    high = _section(head, leading=leading) * 10**4
    return high + _rest(head, tail, 4)


def _rest(head: list[_Tok], tail: list[_Tok], power: int) -> Decimal:
    """Read the part after 万 (power 4) or 亿 (power 8), with the abbreviated last digit."""
    if not tail:
        return Decimal(0)
    zero = tail[0].kind == "zero"
    if zero:
        tail = tail[1:]
        if not tail:
            raise _Refused("零 at the end")
    if len(tail) == 1 and tail[0].kind == "num" and not zero:
        only = tail[0]
        if only.digit:  # 一万二 = 12000, 三亿五 = 350000000
            if len(head) == 1 and head[0].digit:
                return only.value * 10 ** (power - 1)
            written = "".join(t.text for t in head) + ("万" if power == 4 else "亿")
            raise _Refused(f"two readings: the place of the last digit after {written} is not "
                           f"clear; write it in full (e.g. with 零 or 千)")
        if len(only.text) != power:  # 1万250: 10250 or 12500?
            raise _Refused(f"two readings: {only.text} after a unit is either its own value "
                           "or an abbreviation; write 零 before it or all the places")
    low = _group(tail, 4, leading=False) if power == 8 else _section(tail, leading=False)
    if low >= 10**power:
        raise _Refused("too many places after the unit")
    return low


def _section(toks: list[_Tok], *, leading: bool) -> Decimal:
    """Read a number below 10**4: 千, 百, 十 in order, 零 for a gap; an abbreviated last digit.

    An Arabic number without a unit may be of any size (3000万); before a unit it is one digit.
    """
    if any(t.kind == "big" for t in toks):  # pragma: no cover - the callers split at them
        raise _Refused("misplaced 万 or 亿")
    total = Decimal(0)
    last_unit: Decimal | None = None
    pending: _Tok | None = None
    zero = False
    for i, tok in enumerate(toks):
        if tok.kind == "num":
            if pending is not None:
                raise _Refused(f"two readings: digits side by side ({pending.text}{tok.text}) "
                               "are a number written digit by digit or a range; write it in "
                               "Arabic digits")
            pending = tok
        elif tok.kind == "zero":
            if pending is not None:
                raise _Refused(f"two readings: {pending.text}{tok.text} is a number written "
                               "digit by digit or a misplaced 零; write it in Arabic digits")
            if i == 0 or zero:
                raise _Refused("a misplaced 零")
            zero = True
        else:  # a small unit
            unit = tok.value
            if last_unit is not None and unit >= last_unit:
                raise _Refused(f"{tok.text} after a larger or equal unit")
            if pending is None:
                if not (unit == 10 and i == 0 and leading):
                    raise _Refused(f"{tok.text} needs a digit before it")
                coef = Decimal(1)  # 十二, 十万
            else:
                if pending.text in _TWO and unit == 10:
                    raise _Refused("两 does not stand before 十: write 二十")
                if "." not in pending.text and not pending.digit:
                    raise _Refused(f"{pending.text}{tok.text}: one digit stands before {tok.text}")
                coef = pending.value
            total += coef * unit
            last_unit, pending, zero = unit, None, False
    if pending is None:
        if zero:
            raise _Refused("零 at the end")
        return total
    if last_unit is None:  # a plain number: 三, 两, 3000 (before 万 or alone)
        return pending.value
    if not pending.digit or pending.text in _TWO:
        raise _Refused(f"{pending.text} after {toks[-2].text}: write the last place in full")
    if zero or last_unit == 10:
        return total + pending.value
    return total + pending.value * last_unit / 10  # 一千五 = 1500, 一百二 = 120
