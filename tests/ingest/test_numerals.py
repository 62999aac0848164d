"""The grammar of numbers written with Chinese numerals (issue 12, finding 7)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netgov_kg.ingest.numbers import chinese_numeral, parse_number
from netgov_kg.ingest.numerals import NumeralError, read_numeral

_DIGITS = "零一二三四五六七八九"


def write_chinese(n: int, *, liang: bool = False, traditional: bool = False,
                  yi_shi: bool = False) -> str:
    """Write ``0 <= n < 10**16`` in Chinese numerals, the standard way.

    One 零 for each gap of zeros between written places (also across 万 and 亿), none at the
    end; ``liang``: 两 for a leading 2 before 百, 千, 万 or 亿; ``traditional``: 萬 and 億;
    ``yi_shi``: 一十 rather than 十 at the start (一十二).
    """
    wan, yi = ("萬", "億") if traditional else ("万", "亿")

    def section(k: int, first: bool) -> str:  # 1 <= k < 10**4
        out, gap = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // unit % 10
            if not d:
                gap = bool(out)
                continue
            if gap:
                out += "零"
            gap = False
            if d == 1 and unit == 10 and first and not out and not yi_shi:
                out += "十"
            elif d == 2 and liang and unit >= 100:
                out += "两" + name
            else:
                out += _DIGITS[d] + name
        return out

    def below_yi(k: int, first: bool) -> str:  # 1 <= k < 10**8
        high, low = divmod(k, 10**4)
        if not high:
            return section(low, first)
        head = section(high, first)
        if liang and head == "二":
            head = "两"
        if not low:
            return head + wan
        return head + wan + ("零" if low < 1000 else "") + section(low, False)

    if n == 0:
        return "零"
    high, low = divmod(n, 10**8)
    if not high:
        return below_yi(low, True)
    head = below_yi(high, True)
    if liang and head == "二":
        head = "两"
    if not low:
        return head + yi
    return head + yi + ("零" if low < 10**7 else "") + below_yi(low, False)


def test_the_writer_writes_the_standard_forms():
    assert write_chinese(12000) == "一万二千"
    assert write_chinese(10002) == "一万零二"
    assert write_chinese(100500000) == "一亿零五十万"
    assert write_chinese(1010) == "一千零一十"
    assert write_chinese(15) == "十五"
    assert write_chinese(20000, liang=True, traditional=True) == "两萬"


@settings(max_examples=400, derandomize=True)
@given(st.integers(min_value=0, max_value=10**16 - 1), st.booleans(), st.booleans(),
       st.booleans())
def test_every_integer_written_in_chinese_reads_back(n, liang, traditional, yi_shi):
    text = write_chinese(n, liang=liang, traditional=traditional, yi_shi=yi_shi)
    assert chinese_numeral(text) == n
    assert parse_number(text).value == n


@settings(max_examples=200, derandomize=True)
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9),
       st.sampled_from([("千", 1000), ("百", 100), ("万", 10**4), ("亿", 10**8)]))
def test_an_abbreviated_last_digit_fills_the_next_place_down(head, last, unit):
    name, value = unit
    text = _DIGITS[head] + name + _DIGITS[last]  # 一万二, 三千五
    assert chinese_numeral(text) == head * value + last * value // 10


@pytest.mark.parametrize(("text", "value"), [
    ("一万二", 12000),  # was 10002
    ("两万", 20000),
    ("两万五", 25000),
    ("一万二千三", 12300),
    ("一千二百三", 1230),
    ("一亿二", 120000000),
    ("一万零二", 10002),
    ("1万2", 12000),
    ("2万5000", 25000),
    ("1万零250", 10250),
    ("3亿2000万", 320000000),
    ("壹万贰仟", 12000),
    ("十万", 100000),
    ("一万亿", 10**12),
])
def test_numerals(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize(("text", "value"), [
    ("1.2萬", 12000),  # was 1.2 with the unit 萬
    ("1.2億", 120000000),
    ("1.2 万", 12000),  # was 1.2 with the unit 万
    ("1.2 萬人", 12000),
    ("1.5千万", 15000000),
])
def test_decimals_with_a_multiplier(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize(("text", "value", "qualifier"), [
    ("二十多", 20, ("多", "more than")),
    ("十多", 10, ("多", "more than")),
    ("二十多万", 200000, ("多", "more than")),
    ("20多万", 200000, ("多", "more than")),
    ("3000余万", 30000000, ("余", "more than")),
    ("约5万", 50000, ("约", "about")),
    ("近1.2亿", 120000000, ("近", "nearly")),
    ("超5万", 50000, ("超", "more than")),
    ("逾100", 100, ("逾", "more than")),
    ("5万以上", 50000, ("以上", "at least")),
])
def test_hedges_become_qualifiers(text, value, qualifier):
    n = parse_number(text)
    assert (n.value, n.qualifier) == (value, qualifier)


@pytest.mark.parametrize(("text", "why"), [
    ("一二三", "two readings: digits side by side"),  # 123 digit by digit, or a list
    ("三四十", "two readings: digits side by side"),  # thirty or forty
    ("五六万", "two readings: digits side by side"),
    ("二零", "two readings"),
    ("十万二", "two readings"),  # 120000 or 102000?
    ("二十万五", "two readings"),
    ("1万250", "two readings"),  # 10250 or 12500?
    ("三兆", "兆 is 10**6"),
    ("两十", "write 二十"),
    ("十两", "write the last place in full"),
    ("一千零", "零 at the end"),
    ("千万", "needs a digit"),
    ("一百一千", "after a larger or equal unit"),
    ("一亿一亿", "亿 twice"),
    ("1.2万3千", "followed by units only"),
])
def test_what_has_two_readings_or_none_is_refused(text, why):
    with pytest.raises(ValueError, match="not a number") as err:
        parse_number(text)
    assert why in str(err.value)


def test_read_numeral_names_the_numeral():
    with pytest.raises(NumeralError) as err:
        read_numeral("一二三")
    assert err.value.numeral == "一二三"
    assert read_numeral("20多万") == (Decimal(200000), "多")


def test_a_negative_chinese_number_is_not_a_count():
    assert parse_number("负一万").value == -10000
    with pytest.raises(ValueError, match="a count cannot be negative"):
        parse_number("负一万", count=True)


def test_the_range_of_chinese_numerals_both_sides():
    top = 10**16 - 1  # the largest without 亿亿
    assert chinese_numeral(write_chinese(top)) == top
    assert chinese_numeral("一亿亿") == 10**16  # 亿亿 together
    with pytest.raises(ValueError, match="too large"):
        parse_number("一万亿亿")  # 10**20: over the bound of all numbers
