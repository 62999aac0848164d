"""Stated figures in article text: value, unit, qualifier, and the period or time note around.

A figure is a number (Arabic or Chinese numerals, with 万/亿, read by
:func:`netgov_kg.ingest.numbers.parse_number`, whose grammar refuses what has two readings)
followed by a measure word (个, 项, 件, 名, 人, %, 年 …), or a number with 万/亿 alone
(``办件量1.73亿``: the unit is then taken from the measure, 件). Hedge words become the
qualifier (约, 近, 超过 … before; 多, 余, 以上, 左右 after). Chinese counts of the kinds
``四大平台`` and ``六位一体`` count too (unit 个). Not figures: years and dates, ordinals
(第三), a lone 一 (一个, 一体: an article, not a count), list numbers, hotline numbers.

Examples
--------
>>> [(f.value, f.unit, f.written) for f in find_figures("集20多个政务部门资讯于一体")]
[(20, '个', '20多')]
>>> [(f.value, f.unit) for f in find_figures("累计办件量1.73亿。")]
[(173000000, '件')]
>>> [(f.value, f.unit, f.written) for f in find_figures("办结率达到97.99%")]
[(Decimal('97.99'), '%', '97.99%')]
>>> [f.value for f in find_figures("第三批,一个平台,2021年,12345热线,四大平台")]
[4]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..ingest.numbers import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, parse_number
from ..ingest.numerals import BIG_UNITS, DIGITS, SMALL_UNITS, ZEROS, scan

#: Measure words, longest first when matched.
UNITS: tuple[str, ...] = (
    "个百分点", "平方公里", "平方米", "万人次", "人次", "户次", "件次", "个月", "小时", "分钟",
    "公里", "千米", "公顷", "余个", "多个",
    "个", "项", "件", "名", "人", "位", "次", "家", "条", "所", "座", "户", "元", "年", "天",
    "级", "类", "种", "批", "套", "台", "部", "支", "篇", "份", "起", "宗", "例", "单", "亩",
    "米", "吨", "倍", "岁", "届", "期", "轮", "场", "辆", "张", "栋", "间", "处", "块", "本",
    "册", "组", "队", "条次", "秒", "周", "%",
)
_UNITS_BY_LENGTH = tuple(sorted(set(UNITS), key=len, reverse=True))
_NUMERAL_START = set(DIGITS) | set(ZEROS) | set(SMALL_UNITS) | set("0123456789")
#: Measure nouns that name their unit (办件量 → 件, 访问人次 → 人次).
_MEASURE_UNIT = re.compile(
    r"(件|次|人次|人|户|单|笔|项)(?:量|数)\s*(?:达到|达|为|是|共计|累计|超过)?\s*$")
#: Words between a measure and its number that are not part of the measure.
_VERBS = re.compile(r"(?:已|已经|共|累计|共计|达到|达|为|是|实现|约|超过|超|近|逾|有|突破|"
                    r"提升至|提高到|增长|下降|减少|占比?|总数|总量)+$")
_STOP = re.compile(r"[，,。；;、：:（(“”\s的和及与于在]")


@dataclass(frozen=True)
class FoundFigure:
    """A figure found in the text.

    Attributes
    ----------
    start, end : int
        Offsets of the figure's words (hedges and measure word included).
    written : str
        The number as the template's ``value`` takes it: hedges kept, measure word left out
        (``20多``, ``约3000``, ``97.99%``), so that ``add`` fills the qualifier.
    value : int or decimal.Decimal
        The plain value.
    unit : str or None
        The measure word (``%`` for a percentage).
    qualifier : tuple of (str, str) or None
        ``(zh, en)``, e.g. ``("多", "more than")``.
    measure : str
        A guess at what is counted: the words after the measure word, or before the number.
    unit_guessed : bool
        The unit is not written next to the number (taken from the measure, or 个 for 四大).
    """

    start: int
    end: int
    written: str
    value: int | Decimal
    unit: str | None
    qualifier: tuple[str, str] | None
    measure: str
    unit_guessed: bool = False


def _unit_at(text: str, i: int) -> str | None:
    for unit in _UNITS_BY_LENGTH:
        if text.startswith(unit, i):
            return unit
    return None


def _measure(text: str, start: int, end: int) -> str:
    after = _STOP.split(text[end:end + 12], maxsplit=1)[0]
    if after and after not in ("来", "以来", "多"):
        return after[:10]
    before = _STOP.split(text[max(0, start - 12):start])[-1]
    before = _VERBS.sub("", before)
    return before[-10:]


def find_figures(text: str, *,
                 skip: Sequence[tuple[int, int]] = ()) -> list[FoundFigure]:
    """Return the figures of ``text`` (simplified), in order.

    Parameters
    ----------
    text : str
        The simplified text.
    skip : list of (int, int)
        Spans that are not figures (the dates of :func:`netgov_kg.extract.dates.find_dates`).
    """
    found: list[FoundFigure] = []
    i = 0
    while i < len(text):
        ch = text[i]
        prev = text[i - 1] if i else ""
        if ch not in _NUMERAL_START or prev in _NUMERAL_START or prev in BIG_UNITS or (
                prev in ".," and text[i - 2:i - 1].isdigit()):
            i += 1
            continue
        numeral, end = scan(text, i)
        figure = _figure(text, i, numeral, end, skip)
        if figure is not None:
            found.append(figure)
            i = figure.end
        else:
            i = max(end, i + 1)
    return found


def _figure(text: str, start: int, numeral: str, end: int,
            skip: Sequence[tuple[int, int]]) -> FoundFigure | None:
    if not numeral or any(s < end and start < e for s, e in skip):
        return None
    numeral = numeral.rstrip()
    end = start + len(numeral)
    before = text[max(0, start - 1):start]
    if before == "第" or (before.isascii() and before.isalpha()) or before in "@#+":
        return None
    chinese = not any(c.isdigit() for c in numeral)
    lone_one = numeral in ("一", "壹")
    # hedges and the measure word after the number
    j = end
    percent = text.startswith(("%", "％"), j)
    inner = ""
    if not percent:
        for word in ("多", "余"):
            if text.startswith(word, j) and j + 1 < len(text) and text[j + 1] not in "种样方":
                inner, j = word, j + 1
                break
    unit: str | None = "%" if percent else _unit_at(text, j)
    guessed = False
    if chinese and not lone_one and text.startswith("位一体", j):
        unit, guessed, unit_len = "个", True, 3  # 六位一体
    elif unit is None and chinese and text.startswith("大", j) and not lone_one \
            and not text.startswith(("大概", "大约", "大致", "大体"), j):
        unit, guessed, unit_len = "个", True, 1  # 四大平台, 十大案例
    else:
        unit_len = len(unit) if unit else 0
    if unit is None:
        if not any(b in numeral for b in BIG_UNITS):
            return None
        match = _MEASURE_UNIT.search(text[max(0, start - 8):start])
        unit, guessed = (match.group(1), True) if match else (None, False)
    if unit in ("余个", "多个"):
        inner, unit = unit[0], "个"
        unit_len = 2
    if lone_one or (unit and unit_len and text.startswith(unit * 2, j)):  # 一件件
        return None
    if unit in ("年", "月", "天") and not chinese and len(numeral) == 4:
        return None  # a year the date patterns did not take
    k = j + unit_len if unit and not guessed else j
    if unit == "%":
        k = j + 1
    after = ""
    for word in ("以上", "左右", "多", "余"):
        if not inner and unit not in (None, "%") and text.startswith(word, k) \
                and unit in ("年", "个月", "天", "小时", "倍"):
            after, k = word, k + len(word)
            break
        if text.startswith(word, k) and word in ("以上", "左右"):
            after, k = word, k + len(word)
            break
    prefix = ""
    for word in sorted(PREFIX_QUALIFIERS, key=len, reverse=True):
        if text.endswith(word, 0, start):
            prefix = word
            break
    written = prefix + numeral + inner + ("%" if percent else "") + after
    try:
        parsed = parse_number(written, count=True)
    except ValueError:
        return None
    if after and not inner:  # 4年多: the hedge follows the measure word
        qualifier = SUFFIX_QUALIFIERS.get(after)
    else:
        qualifier = parsed.qualifier
    fig_start = start - len(prefix)
    skip_words = unit_len if guessed and unit_len else 0  # 四大平台: counted after 大
    return FoundFigure(fig_start, k, written, parsed.value, unit, qualifier,
                       _measure(text, fig_start, k + skip_words), guessed)
