"""`gongkai workdays add DATE N` and `count A B`: exit 0 with the answer, exit 2 naming a
missing year."""

from __future__ import annotations

import pytest

from gongkai.cli import main as gongkai_main
from gongkai.workdays.cli import main

pytestmark = pytest.mark.django_db


def test_add_prints_the_nth_working_day_after_the_date(capsys):
    assert gongkai_main(["workdays", "add", "2025-01-20", "20"]) == 0
    assert capsys.readouterr().out.strip() == "2025-02-21"


def test_add_zero_is_the_date_itself(capsys):
    assert main(["add", "2025-02-01", "0"]) == 0
    assert capsys.readouterr().out.strip() == "2025-02-01"


def test_count(capsys):
    assert main(["count", "2025-09-30", "2025-10-11"]) == 0
    assert capsys.readouterr().out.strip() == "3"  # 30 Sep is day 0; 9, 10, 11 (Saturday worked) Oct


def test_missing_year_exits_2_naming_it(capsys):
    assert main(["add", "2026-12-10", "20"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2027" in captured.err
    assert main(["count", "2026-12-01", "2027-01-15"]) == 2
    assert "2027" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [["add", "2025-13-01", "3"], ["add", "2025-01-01", "-1"], ["count", "2025-01-01"], ["nonsense"]]
)
def test_bad_input_exits_2(argv, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_management_command(capsys):
    from django.core.management import call_command

    call_command("workdays", "add", "2026-09-30", "1")
    assert capsys.readouterr().out.strip() == "2026-10-08"
