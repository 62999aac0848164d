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


# -- a hedge before the multiplier, and bounds (issue 11) ------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("20多万", 200000, ("多", "more than"), None),
        ("3000余万", 30000000, ("余", "more than"), None),
        ("20多万人", 200000, ("多", "more than"), "人"),
        ("1.5多亿", 150000000, ("多", "more than"), None),
        ("十多万", 100000, ("多", "more than"), None),
        ("约20多万", 200000, ("多", "more than"), None),
        ("20万多", 200000, ("多", "more than"), None),
    ],
)
def test_hedge_between_number_and_multiplier(text, value, qualifier, unit):
    n = parse_number(text)
    assert (n.value, n.qualifier, n.unit) == (value, qualifier, unit)


def test_value_bound_both_sides():
    assert parse_number("999999999999999999").value == 10**18 - 1
    assert parse_number("-999999999999999999").value == -(10**18) + 1
    for text in ("1000000000000000000", "100000000万亿", "一百亿亿", "-1000000000000000000"):
        with pytest.raises(ValueError, match="too large"):
            parse_number(text)
    with pytest.raises(ValueError, match="too large"):
        parse_number(10**18)


def test_four_hundred_digits_is_a_clear_error():
    with pytest.raises(ValueError, match=r"too long \(400 characters; a number is at most 64\)"):
        parse_number("9" * 400)
    with pytest.raises(ValueError, match="too large"):
        parse_number(int("9" * 400))


def test_text_length_bound_both_sides():
    at = "0" * 63 + "1"
    assert parse_number(at).value == 1
    with pytest.raises(ValueError, match="too long"):
        parse_number(at + "0")


def test_decimals_bound_both_sides():
    assert parse_number("0.123456").value == Decimal("0.123456")
    assert parse_number("1.2345678万").value == Decimal("12345.678")  # 3 decimals once scaled
    with pytest.raises(ValueError, match="more than 6 decimals"):
        parse_number("0.1234567")
    with pytest.raises(ValueError, match="more than 6 decimals"):
        parse_number(Decimal("0.1234567"))


def test_negative_counts_are_refused():
    assert parse_number("-3").value == -3
    for text in ("-3", "-20多", "-1.5万", -3):
        with pytest.raises(ValueError, match="a count cannot be negative"):
            parse_number(text, count=True)
    assert parse_number("0", count=True).value == 0


def _figure(value: str) -> str:
    return ("source: ngr:source/000-775a52ee8c492e26\ncases:\n  - id: test-case\n"
            "    label: {zh: 测试案例, en: Test case}\n    place: \"330523\"\n"
            "    figures:\n      - measure: {zh: 数, en: count}\n"
            f"        value: {value}\n")


@pytest.fixture(scope="module")
def index(kg):
    from netgov_kg.ingest.index import GraphIndex

    return GraphIndex.build(kg.dataset)


def _map(text, index):
    from netgov_kg.ingest.mapper import map_template
    from netgov_kg.ingest.yaml_reader import read_yaml_text

    return map_template(read_yaml_text(text, "t.yaml"), index)


@pytest.mark.parametrize(("value", "message"), [
    ('"-5"', "a count cannot be negative: '-5'"),
    ("9" * 400, "too long (400 characters"),
    ("1000000000000000000", "too large"),
    ('{value: "' + "9" * 400 + '", datatype: "xsd:integer"}', "too long (400 characters"),
])
def test_figure_values_out_of_bounds_are_located(index, value, message):
    from netgov_kg.errors import InputError

    with pytest.raises(InputError) as err:
        _map(_figure(value), index)
    assert err.value.location.line == 8
    assert err.value.location.field.startswith("cases[0].figures[0].value")
    assert message in err.value.message


def test_figure_20_duo_wan_in_a_template(index):
    from rdflib import Literal
    from rdflib.namespace import XSD

    from netgov_kg.namespaces import NG

    g = _map(_figure("20多万"), index).graph
    obs = next(g.subjects(NG.value, None))
    assert (obs, NG.value, Literal("200000", datatype=XSD.integer)) in g
    assert set(g.objects(obs, NG.qualifier)) == {Literal("多", lang="zh"),
                                                Literal("more than", lang="en")}


def test_a_negative_change_may_be_written_as_a_typed_literal(index):
    from rdflib import Literal
    from rdflib.namespace import XSD

    from netgov_kg.namespaces import NG

    g = _map(_figure('{value: "-3.5", datatype: "xsd:decimal"}'), index).graph
    assert Literal("-3.5", datatype=XSD.decimal) in set(g.objects(None, NG.value))
