"""CI runs the accuracy harness over the real reports in ``../shared/data`` (beside the
repository): any figure read wrong, or an error found where the report has none (or missed
where it has one), fails the build."""

from __future__ import annotations

import io

import pytest

from gongkai.annualreport import accuracy

DATA = accuracy.DEFAULT_DATA

pytestmark = pytest.mark.skipif(
    not (DATA / "EXPECTED.json").exists(),
    reason=f"the shared real reports are not beside the repository ({DATA} is absent)",
)


def test_every_expected_figure_is_read_right_from_every_file():
    results = accuracy.evaluate(DATA)
    names = {result.file for result in results}
    # Every file of the folder that is a report is in the run.
    on_disk = {path.name for path in DATA.iterdir() if path.suffix in (".txt", ".pdf")}
    assert names == on_disk
    problems = {result.file: result.wrong for result in results if result.wrong}
    assert problems == {}
    verdicts = {
        result.file: (sorted(result.errors_expected), sorted(result.errors_found))
        for result in results
        if not result.verdict_right
    }
    assert verdicts == {}


def test_the_harness_prints_each_file_and_says_what_became_of_the_peer_parser():
    out = io.StringIO()
    assert accuracy.main(["--data", str(DATA)], out=out) == 0
    text = out.getvalue()
    assert "pingtan-zone-2023.page.txt" in text and "28/28" in text
    assert "figures right:" in text
    assert accuracy.PEER in text
