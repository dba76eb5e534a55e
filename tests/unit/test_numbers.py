import datetime as dt
from decimal import Decimal

import pytest

from chitieu.errors import BadText
from chitieu.ingest.dates import parse_reference_period, parse_vi_date
from chitieu.ingest.numbers import NumberTextError, parse_vi_number
from chitieu.period import Period


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("37,36%", Decimal("37.36")),
        ("10.741.056.503 đồng", Decimal("10741056503")),
        ("1.921", Decimal("1921")),
        ("100%", Decimal("100")),
        ("07", Decimal("7")),
        (49, Decimal("49")),
        (37.36, Decimal("37.36")),
    ],
)
def test_vietnamese_numbers(text, value):
    assert parse_vi_number(text)[0] == value


@pytest.mark.parametrize("text", ["99.5%", "abc", "37,36,1", "12a"])
def test_ambiguous_or_bad_numbers_are_refused(text):
    with pytest.raises(NumberTextError):
        parse_vi_number(text)


def test_raw_text_is_kept():
    assert parse_vi_number("37,36%") == (Decimal("37.36"), "37,36%")
    assert parse_vi_number(None) == (None, "")


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("năm 2023", "2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("tháng 6/2023", "2023-06", dt.date(2023, 6, 1), dt.date(2023, 6, 30)),
        ("Quý 2/2023", "2023-Q2", dt.date(2023, 4, 1), dt.date(2023, 6, 30)),
        ("6 tháng đầu năm 2023", "2023-H1", dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        # as the source gives them: a day (footnote 31: "Số liệu ngày 17/7/2023"), a span, "to date" (the as-of day)
        ("ngày 17/7/2023", "2023-07-17", dt.date(2023, 7, 17), dt.date(2023, 7, 17)),
        ("từ 01/6/2021 đến 23/5/2023", "2021-06-01/2023-05-23", dt.date(2021, 6, 1), dt.date(2023, 5, 23)),
        ("Đến nay", "2023-08-30", dt.date(2023, 8, 30), dt.date(2023, 8, 30)),
    ],
)
def test_reference_periods(text, code, start, end):
    r = parse_reference_period(text, as_of=dt.date(2023, 8, 30))
    assert (r.code, r.start, r.end) == (code, start, end)


def test_a_date_or_period_the_source_does_not_give_is_marked_assumed():
    from chitieu.ingest.dates import assumed

    assert assumed("30/8/2023 (giả định)") == ("30/8/2023", True) and assumed("30/8/2023") == ("30/8/2023", False)
    assert assumed("năm 2023 (Giả định)") == ("năm 2023", True) and assumed(dt.date(2023, 8, 30))[1] is False
    with pytest.raises(BadText, match="needs the figure's date"):
        parse_reference_period("đến nay")
    with pytest.raises(BadText, match="not a reference period"):
        parse_reference_period("từ 23/5/2023 đến 01/6/2021")  # a span that ends before it begins


def test_bad_reference_period_says_what_to_write():
    with pytest.raises(BadText, match="quý 2/2023"):
        parse_reference_period("mùa hè 2023")


def test_dates_are_day_first():
    assert parse_vi_date("18/8/2023") == dt.date(2023, 8, 18)
    with pytest.raises(BadText, match="dd/mm/yyyy"):
        parse_vi_date("8/18/2023")


def test_period_is_parsed_once_and_knows_its_month():
    feb = Period("2024-02")
    assert (feb.start, feb.end, feb.next(), Period("2024-12").next()) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
        "2024-03",
        "2025-01",
    )
    assert Period(feb) is feb and sorted([Period("2024-10"), Period("2023-12")]) == ["2023-12", "2024-10"]
    for bad in ("2024-13", "2024-2", "2024-02-01", None, 202402):
        with pytest.raises(BadText, match="YYYY-MM"):
            Period(bad)
