"""The fee tiers of 国办函〔2020〕109号 (spec §6.2)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.requests.fees import per_page_fee, per_piece_fee, per_piece_total


@pytest.mark.parametrize(
    ("ordinal", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_per_piece(ordinal, fee):
    assert per_piece_fee(ordinal) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page(pages, fee):
    assert per_page_fee(pages) == Decimal(fee)


def test_split_application_sums_its_pieces():
    assert per_piece_total(9, 4) == Decimal(200)  # 9th, 10th free; 11th, 12th at 100


def test_bad_input():
    with pytest.raises(ValueError):
        per_piece_fee(0)
    with pytest.raises(ValueError):
        per_page_fee(-1)
