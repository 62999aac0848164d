"""Numbers written the Chinese way, turned into plain values.

``1.73亿`` is 173000000, ``4.5万`` and ``4.5 萬`` are 45000, ``一万二`` is 12000, ``20多`` is
20 *more than*, ``20多万`` is 200000 *more than*, ``97.99%`` is 97.99 percent, ``三`` is 3. The
numeral itself is read by the grammar of :mod:`netgov_kg.ingest.numerals`, which refuses what
has two readings (``一二三``, ``三四十``, ``十万二``). A hedge word (约, 近, 超, 超过, 逾 before;
多, 余, 以上, 左右 after) becomes a qualifier, in Chinese as written and in English, so that the
graph keeps the number exact and says how exact it is.

Numbers are bounded (:mod:`netgov_kg.ingest.limits`): at most 64 characters as written, an
absolute value below 10**18 and at most 6 decimals; ``count=True`` refuses negative numbers.

Examples
--------
>>> parse_number("1.73亿").value
173000000
>>> n = parse_number("20多个")
>>> n.value, n.qualifier, n.unit
(20, ('多', 'more than'), '个')
>>> n = parse_number("3000余万")
>>> n.value, n.qualifier, n.unit
(30000000, ('余', 'more than'), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from .limits import MAX_DECIMALS, MAX_NUMBER, MAX_NUMBER_TEXT
from .numerals import NumeralError, read_numeral, scan

#: Hedge words written after the number: (Chinese as written, English).
SUFFIX_QUALIFIERS: dict[str, tuple[str, str]] = {
    "多": ("多", "more than"),
    "余": ("余", "more than"),
    "以上": ("以上", "at least"),
    "左右": ("左右", "about"),
}

#: Hedge words written before the number.
PREFIX_QUALIFIERS: dict[str, tuple[str, str]] = {
    "超过": ("超过", "more than"),
    "超": ("超", "more than"),
    "逾": ("逾", "more than"),
    "约": ("约", "about"),
    "近": ("近", "nearly"),
    "将近": ("将近", "nearly"),
}

#: A sign before the number (a count refuses a negative one).
_SIGN = re.compile(r"[+-]|负")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text.

    Attributes
    ----------
    value : int or decimal.Decimal
        The number in plain units (an ``int`` when it is whole).
    qualifier : tuple of (str, str) or None
        ``(zh, en)`` when the text hedges the number, e.g. ``("多", "more than")``.
    percent : bool
        Whether the text ended with ``%`` (or ``％``); the value is then the percentage.
    unit : str or None
        Any text left after the number (a measure word such as ``个`` or ``件``).
    text : str
        The text as given.
    """

    value: int | Decimal
    qualifier: tuple[str, str] | None = None
    percent: bool = False
    unit: str | None = None
    text: str = ""


def _plain(value: Decimal) -> int | Decimal:
    """Return ``value`` as an ``int`` when whole, else as a normalised Decimal.

    Examples
    --------
    >>> _plain(Decimal("173000000.00")), _plain(Decimal("97.990"))
    (173000000, Decimal('97.99'))
    """
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def chinese_numeral(text: str) -> int:
    """Read a whole number written in Chinese numerals (see :mod:`netgov_kg.ingest.numerals`).

    Parameters
    ----------
    text : str
        E.g. ``"三"``, ``"二十"``, ``"三百五十七"``, ``"一万零五"``, ``"一万二"``.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If ``text`` is not a Chinese numeral of a whole number, or has two readings.

    Examples
    --------
    >>> chinese_numeral("三"), chinese_numeral("十二"), chinese_numeral("三百五十七")
    (3, 12, 357)
    >>> chinese_numeral("一万零五"), chinese_numeral("两亿三千万"), chinese_numeral("一万二")
    (10005, 230000000, 12000)
    """
    numeral, end = scan(text)
    if not numeral or end != len(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    value, hedge = read_numeral(numeral)
    if hedge is not None or value != value.to_integral_value():
        raise ValueError(f"not a Chinese numeral of a whole number: {text!r}")
    return int(value)

def parse_number(text: str | int | float | Decimal, *, count: bool = False) -> ParsedNumber:
    """Turn a number written the Chinese (or plain) way into a plain value.

    Parameters
    ----------
    text : str or number
        ``"1.73亿"``, ``"4.5万个"``, ``"20多"``, ``"20多万"``, ``"97.99%"``, ``"11,006件"``,
        ``"三"``, ``"约3000"``; a Python number is taken as it is.
    count : bool
        The number is a count or an amount: a negative one is an error.

    Returns
    -------
    ParsedNumber

    Raises
    ------
    ValueError
        If no number can be read from ``text``, or it is out of bounds (longer than 64
        characters, not below 10**18, more than 6 decimals, negative for a ``count``); the
        message quotes the text.

    Examples
    --------
    >>> parse_number("1.73亿").value
    173000000
    >>> parse_number("4.5万").value
    45000
    >>> parse_number("66.9万名").value, parse_number("66.9万名").unit
    (669000, '名')
    >>> parse_number("97.99%")
    ParsedNumber(value=Decimal('97.99'), qualifier=None, percent=True, unit=None, text='97.99%')
    >>> parse_number("约3000").qualifier
    ('约', 'about')
    >>> parse_number("4年多").value, parse_number("4年多").qualifier, parse_number("4年多").unit
    (4, ('多', 'more than'), '年')
    >>> parse_number("多少")
    Traceback (most recent call last):
    ...
    ValueError: not a number: '多少'
    >>> parse_number("-3", count=True)
    Traceback (most recent call last):
    ...
    ValueError: a count cannot be negative: '-3'
    """
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, (int, float, Decimal)):
        return _bounded(ParsedNumber(_plain(Decimal(str(text))), text=str(text)), count)
    if len(text.strip()) > MAX_NUMBER_TEXT:
        raise ValueError(f"not a number: {_cut(text)} is too long ({len(text.strip())} "
                         f"characters; a number is at most {MAX_NUMBER_TEXT})")
    with localcontext() as ctx:
        ctx.prec = 4 * MAX_NUMBER_TEXT  # exact: no rounding of long numbers
        return _bounded(_parse(text), count)


def _cut(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:37] + "...")


def _bounded(parsed: ParsedNumber, count: bool) -> ParsedNumber:
    """Refuse a number out of bounds (see :mod:`netgov_kg.ingest.limits`)."""
    value = Decimal(parsed.value)
    shown = _cut(parsed.text)
    if not value.is_finite():
        raise ValueError(f"not a number: {shown}")
    if abs(value) >= MAX_NUMBER:
        raise ValueError(f"not a number: {shown} is too large (the limit is 10**18)")
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        raise ValueError(f"not a number: {shown} has more than {MAX_DECIMALS} decimals")
    if count and value < 0:
        raise ValueError(f"a count cannot be negative: {shown}")
    return parsed


def _parse(text: str) -> ParsedNumber:
    original = text
    rest = text.strip().replace("％", "%")
    qualifier: tuple[str, str] | None = None
    for word in sorted(PREFIX_QUALIFIERS, key=len, reverse=True):
        if rest.startswith(word):
            qualifier, rest = PREFIX_QUALIFIERS[word], rest[len(word):].lstrip()
            break
    sign = _SIGN.match(rest)
    negative = bool(sign) and sign.group() in ("-", "负")  # type: ignore[union-attr]
    if sign:
        rest = rest[sign.end():]
    numeral, end = scan(rest)
    if not numeral:
        raise ValueError(f"not a number: {original!r}")
    try:
        value, inner = read_numeral(numeral)
    except NumeralError as exc:
        raise ValueError(f"not a number: {original!r}: {exc.reason}") from None
    if inner is not None:  # a hedge between the number and its multiplier: 20多万, 3000余万
        qualifier = SUFFIX_QUALIFIERS[inner]
    if negative:
        value = -value
    rest = rest[end:].strip()
    percent = False
    if rest.startswith("%"):
        percent, rest = True, rest[1:].strip()
    # a hedge may come before the measure word (20多个) or after it (4年多)
    for word in SUFFIX_QUALIFIERS:
        if rest.startswith(word):
            qualifier, rest = SUFFIX_QUALIFIERS[word], rest[len(word):]
            break
        if rest.endswith(word) and len(rest) > len(word):
            qualifier, rest = SUFFIX_QUALIFIERS[word], rest[: -len(word)]
            break
    rest = rest.strip()
    if rest and (rest[0].isdigit() or rest.startswith((".", ","))):
        raise ValueError(f"not a number: {original!r}")
    return ParsedNumber(_plain(value), qualifier, percent, rest or None, original)
