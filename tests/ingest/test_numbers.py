from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netgov_kg.ingest.numbers import chinese_numeral, parse_number


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit", "percent"),
    [
        ("1.73亿", 173000000, None, None, False),
        ("4.5万", 45000, None, None, False),
        ("4.5万个", 45000, None, "个", False),
        ("66.9万名", 669000, None, "名", False),
        ("20多", 20, ("多", "more than"), None, False),
        ("20多个", 20, ("多", "more than"), "个", False),
        ("4年多", 4, ("多", "more than"), "年", False),
        ("97.99%", Decimal("97.99"), None, None, True),
        ("97.99％", Decimal("97.99"), None, None, True),
        ("11006件", 11006, None, "件", False),
        ("2,537,784人", 2537784, None, "人", False),
        ("三", 3, None, None, False),
        ("三百五十七项", 357, None, "项", False),
        ("约3000", 3000, ("约", "about"), None, False),
        ("超过1.2万", 12000, ("超过", "more than"), None, False),
        ("100余", 100, ("余", "more than"), None, False),
    ],
)
def test_parse_number(text, value, qualifier, unit, percent):
    n = parse_number(text)
    assert (n.value, n.qualifier, n.unit, n.percent) == (value, qualifier, unit, percent)
    assert type(n.value) is type(value)


@pytest.mark.parametrize("text", ["", "多", "abc", "万", "1.2.3", "12 34"])
def test_not_a_number(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


def test_python_numbers_pass_through():
    assert parse_number(5).value == 5
    assert parse_number(Decimal("2.50")).value == Decimal("2.5")
    with pytest.raises(ValueError):
        parse_number(True)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_wan_and_yi_scale_exactly(whole, frac):
    text = f"{whole}.{frac:02d}"
    assert parse_number(text + "万").value == Decimal(text) * 10**4
    assert parse_number(text + "亿").value == int(Decimal(text) * 10**8)


_DIGITS = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    # a plain reference writer for 1..99999999 (the standard reading, with 零 for gaps)
    def below_wan(k: int) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // unit % 10
            if d:
                if zero and out:
                    out += "零"
                out += _DIGITS[d] + name
                zero = False
            else:
                zero = True
        return out

    high, low = divmod(n, 10**4)
    if not high:
        return below_wan(low)
    text = below_wan(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + below_wan(low)
    return text


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_read_back(n):
    assert chinese_numeral(_to_chinese(n)) == n
