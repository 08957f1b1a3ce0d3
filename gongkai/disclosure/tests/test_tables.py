"""Table 二 computed from records, against a scenario worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.annualreport.model import empty_t2
from gongkai.disclosure import services
from gongkai.disclosure.tables import t2_table
from gongkai.disclosure.tests.helpers import draft, published
from gongkai.reports.providers import table_provider

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 10))


@pytest.fixture
def scenario(world, people):
    """The department's records (year under report: 2024):

    规章: R1 written 2023-05, published 2023-05, repealed 2024-06-30;
          R2 written 2024-02, published 2024-02, valid;
          R3 written 2024-12-20, published 2025-01 (made in 2024, published 2025).
    行政规范性文件: N1 written 2022, published 2022, expired 2023-12-31;
          N2 written 2024-03, published 2024-03, repealed 2025-02-01 (valid at the end of 2024);
          N3 written 2024-04, published then withdrawn (not counted);
          N4 a 2024 draft (not counted).
    Counts: licences 2023 items 40, 2024 items 43 and 1,234 decisions; penalties 2024
    56 decisions, items 2023 10 / 2024 8; coercion 2024 0 decisions; fees 2024
    123,456.78 yuan, items 2023 5 / 2024 5; procurement 2024: 12 projects, 2,510,000 yuan.
    A second body adds 100 licence decisions in 2024.
    """
    d = world.department
    r1 = published(d, people, kind="rule", title="R1", formed_on=dt.date(2023, 5, 4), now=at(2023, 5, 10))
    services.publication_set_validity(
        actor=None, publication=r1, validity="repealed", changed_on=dt.date(2024, 6, 30)
    )
    published(d, people, kind="rule", title="R2", formed_on=dt.date(2024, 2, 1), now=at(2024, 2, 5))
    published(d, people, kind="rule", title="R3", formed_on=dt.date(2024, 12, 20), now=at(2025, 1, 6))
    n1 = published(
        d, people, kind="normative_document", title="N1", formed_on=dt.date(2022, 3, 1), now=at(2022, 3, 3)
    )
    services.publication_set_validity(
        actor=None, publication=n1, validity="expired", changed_on=dt.date(2023, 12, 31)
    )
    n2 = published(
        d, people, kind="normative_document", title="N2", formed_on=dt.date(2024, 3, 1), now=at(2024, 3, 4)
    )
    services.publication_set_validity(
        actor=None, publication=n2, validity="repealed", changed_on=dt.date(2025, 2, 1)
    )
    n3 = published(
        d, people, kind="normative_document", title="N3", formed_on=dt.date(2024, 4, 1), now=at(2024, 4, 2)
    )
    services.publication_withdraw(actor=None, publication=n3, reason="发布错误")
    draft(d, kind="normative_document", title="N4", formed_on=dt.date(2024, 5, 1))

    def count(year, item, **values):
        services.statistic_set(actor=None, organization=d, year=year, item=item, values=values)

    count(2023, "LICENSE", items=40)
    count(2024, "LICENSE", items=43, decisions=1234)
    count(2023, "PENALTY", items=10)
    count(2024, "PENALTY", items=8, decisions=56)
    count(2024, "COERCION", decisions=0)
    count(2023, "FEES", items=5)
    count(2024, "FEES", items=5, amount="123456.78")
    count(2024, "PROCUREMENT", projects=12, amount="2510000")
    services.statistic_set(
        actor=None, organization=world.other_department, year=2024, item="LICENSE", values={"decisions": 100}
    )
    return world


def test_fmt_2021_from_records(scenario):
    table = t2_table([scenario.department], 2024, "FMT_2021")
    expected = empty_t2("FMT_2021")
    expected["REG"].update(MADE=2, REPEALED=1, VALID=2)  # R2, R3 made; R1 repealed; R2, R3 valid
    expected["NORM"].update(MADE=1, REPEALED=0, VALID=1)  # N2 made and valid at year end
    expected["LICENSE"]["DECISIONS"] = 1234
    expected["PENALTY"]["DECISIONS"] = 56
    expected["COERCION"]["DECISIONS"] = 0
    expected["FEES"]["FEE_AMOUNT"] = Decimal("12.345678")
    assert table == expected


def test_fmt_2019_from_records(scenario):
    table = t2_table([scenario.department], 2024, "FMT_2019")
    expected = empty_t2("FMT_2019")
    expected["REG"].update(NEW_MADE=2, NEW_PUBLISHED=1, TOTAL_PUBLISHED=2)  # R3 published in 2025
    expected["NORM"].update(NEW_MADE=1, NEW_PUBLISHED=1, TOTAL_PUBLISHED=2)  # N1 and N2
    expected["LICENSE"].update(PREV_ITEMS=40, DELTA=3, DECISIONS=1234)
    expected["PENALTY"].update(PREV_ITEMS=10, DELTA=-2, DECISIONS=56)
    expected["COERCION"].update(PREV_ITEMS=None, DELTA=None, DECISIONS=0)
    expected["FEES"].update(PREV_ITEMS=5, DELTA=0)
    expected["PROCUREMENT"].update(PROJECTS=12, AMOUNT=Decimal(251))
    assert table == expected


def test_a_government_with_its_units_sums_them(scenario):
    table = t2_table([scenario.government, scenario.department, scenario.other_department], 2024, "FMT_2021")
    assert table["LICENSE"]["DECISIONS"] == 1334
    assert table["REG"]["MADE"] == 2


def test_uncounted_rows_stay_blank(world):
    table = t2_table([world.township], 2024, "FMT_2021")
    assert table["REG"] == {"MADE": 0, "REPEALED": 0, "VALID": 0}
    assert table["LICENSE"]["DECISIONS"] is None and table["FEES"]["FEE_AMOUNT"] is None


def test_registered_as_the_t2_provider(scenario):
    provider = table_provider("T2")
    assert provider is not None
    assert provider([scenario.department], 2024, "FMT_2021") == t2_table(
        [scenario.department], 2024, "FMT_2021"
    )


def test_counts_keep_their_history(world, people):
    first = services.statistic_set(
        actor=people.editor,
        organization=world.department,
        year=2024,
        item="LICENSE",
        values={"decisions": 10},
    )
    services.statistic_set(
        actor=people.editor,
        organization=world.department,
        year=2024,
        item="LICENSE",
        values={"decisions": 12},
    )
    services.statistic_set(
        actor=people.editor,
        organization=world.department,
        year=2024,
        item="LICENSE",
        values={"decisions": 12},
    )
    assert [r.values["decisions"] for r in first.revisions.order_by("id")] == [10, 12]
