"""Numbers written the Chinese way, turned into plain values.

``1.73亿`` is 173000000, ``4.5万`` is 45000, ``20多`` is 20 *more than*, ``97.99%`` is 97.99
percent, ``三`` is 3. A hedge word (多, 余, 约, 近, 超过 …) becomes a qualifier, in Chinese as
written and in English, so that the graph keeps the number exact and says how exact it is.

Examples
--------
>>> parse_number("1.73亿").value
173000000
>>> n = parse_number("20多个")
>>> n.value, n.qualifier, n.unit
(20, ('多', 'more than'), '个')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

#: Multipliers written after a number (longest first when matching).
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
    "百": 10**2,
}

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
    "逾": ("逾", "more than"),
    "约": ("约", "about"),
    "近": ("近", "nearly"),
    "将近": ("将近", "nearly"),
}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}

_ARABIC = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


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
    """Read a number written in Chinese numerals (up to the 亿s).

    Parameters
    ----------
    text : str
        E.g. ``"三"``, ``"二十"``, ``"三百五十七"``, ``"一万零五"``.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If ``text`` is not a Chinese numeral.

    Examples
    --------
    >>> chinese_numeral("三"), chinese_numeral("十二"), chinese_numeral("三百五十七")
    (3, 12, 357)
    >>> chinese_numeral("一万零五"), chinese_numeral("两亿三千万")
    (10005, 230000000)
    """
    if not text or not _CHINESE.fullmatch(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:  # 万 or 亿
            section += digit or 0
            if section == 0 and total == 0:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            if ch == "亿":
                total = (total + section) * _BIG_UNITS[ch]
            else:
                total += section * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str | int | float | Decimal) -> ParsedNumber:
    """Turn a number written the Chinese (or plain) way into a plain value.

    Parameters
    ----------
    text : str or number
        ``"1.73亿"``, ``"4.5万个"``, ``"20多"``, ``"97.99%"``, ``"11,006件"``, ``"三"``,
        ``"约3000"``; a Python number is taken as it is.

    Returns
    -------
    ParsedNumber

    Raises
    ------
    ValueError
        If no number can be read from ``text``; the message quotes the text.

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
    """
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, int):
        return ParsedNumber(text, text=str(text))
    if isinstance(text, (float, Decimal)):
        return ParsedNumber(_plain(Decimal(str(text))), text=str(text))
    original = text
    rest = text.strip().replace("％", "%")
    qualifier: tuple[str, str] | None = None
    for word in sorted(PREFIX_QUALIFIERS, key=len, reverse=True):
        if rest.startswith(word):
            qualifier, rest = PREFIX_QUALIFIERS[word], rest[len(word):].lstrip()
            break
    match = _ARABIC.match(rest)
    if match:
        try:
            value = Decimal(match.group().replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the pattern excludes this
            raise ValueError(f"not a number: {original!r}") from exc
        rest = rest[match.end():]
        for word in MULTIPLIERS:  # longest first by construction
            if rest.startswith(word):
                value *= MULTIPLIERS[word]
                rest = rest[len(word):]
                break
    else:
        cmatch = _CHINESE.match(rest)
        if not cmatch:
            raise ValueError(f"not a number: {original!r}")
        try:
            value = Decimal(chinese_numeral(cmatch.group()))
        except ValueError as exc:
            raise ValueError(f"not a number: {original!r}") from exc
        rest = rest[cmatch.end():]
    rest = rest.strip()
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
