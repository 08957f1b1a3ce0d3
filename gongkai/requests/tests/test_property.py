"""Property: whatever happens to applications and cases, the tables computed from the
records satisfy the identities I1–I4 (and I6 across years), every closed application is
counted in exactly one row, and the stored projection equals the clock recomputed.

Histories are random sequences of the clock's actions, driven through the services; an
action the rules refuse (DomainError) simply does not happen, as in the office.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annualreport.checks import check_report, errors
from gongkai.annualreport.formats import format_for_year
from gongkai.annualreport.model import AnnualReport
from gongkai.core.errors import DomainError
from gongkai.requests import services
from gongkai.requests.codes import (
    REPLY_DISPOSITIONS,
    ApplicantType,
    CaseKind,
    CaseResult,
    ConsultationKind,
    FeeBasis,
    Ground,
)
from gongkai.requests.models import InfoRequest
from gongkai.requests.selectors import clock_of
from gongkai.requests.statistics import t3_table, t4_table
from gongkai.requests.tests.factories import register

pytestmark = pytest.mark.django_db

START = dt.date(2020, 1, 1)
TODAY = dt.date(2023, 12, 31)
YEARS = (2020, 2021, 2022, 2023)
ACTIONS = (
    "correction",
    "correction_received",
    "correction_lapse",
    "consult",
    "consult_end",
    "extension",
    "reasons",
    "reasons_ok",
    "delayed",
    "fee",
    "fee_paid",
    "fee_lapse",
    "withdraw",
    "reply",
)

GAPS = st.sampled_from([0, 1, 2, 3, 5, 8, 13, 21, 34, 55])


@st.composite
def scripts(draw: st.DrawFn) -> list[tuple[str, int, str]]:
    """A plausible handling in the order an office would do it, each part optional,
    with random gaps (some beyond the deadlines, so refusals happen too)."""
    steps: list[tuple[str, int, str]] = []
    disposition = draw(st.sampled_from(REPLY_DISPOSITIONS))
    if draw(st.booleans()):
        steps.append(("correction", draw(st.integers(0, 9)), disposition))
        steps.append(
            (draw(st.sampled_from(["correction_received", "correction_lapse"])), draw(GAPS), disposition)
        )
    if draw(st.booleans()):
        steps.append(("consult", draw(st.integers(0, 20)), disposition))
        steps.append(("consult_end", draw(GAPS), disposition))
    if draw(st.booleans()):
        steps.append(("reasons", draw(st.integers(0, 10)), disposition))
        steps.append(("reasons_ok", draw(st.integers(0, 10)), disposition))
        steps.append(("delayed", draw(st.integers(0, 5)), disposition))
    if draw(st.booleans()):
        steps.append(("extension", draw(st.integers(0, 25)), disposition))
    if draw(st.booleans()):
        steps.append(("fee", draw(st.integers(0, 10)), disposition))
        steps.append((draw(st.sampled_from(["fee_paid", "fee_lapse"])), draw(GAPS), disposition))
    steps.extend(
        draw(
            st.lists(
                st.tuples(st.sampled_from(ACTIONS), GAPS, st.sampled_from(REPLY_DISPOSITIONS)), max_size=2
            )
        )
    )
    final = draw(st.sampled_from(["reply", "reply", "withdraw", "none"]))
    if final != "none":
        steps.append((final, draw(GAPS), disposition))
    return steps


application = st.fixed_dictionaries(
    {
        "applicant_type": st.sampled_from(ApplicantType.values),
        "received": st.integers(0, 1200),
        "steps": scripts(),
    }
)
case = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            [(CaseKind.ADMINISTRATIVE_REVIEW, False), (CaseKind.LAWSUIT, False), (CaseKind.LAWSUIT, True)]
        ),
        "filed": st.integers(0, 1400),
        "result": st.sampled_from(CaseResult.values),
        "decided_after": st.integers(1, 400),
    }
)


class Rollback(Exception):
    pass


def act(handler, head, info_request: InfoRequest, action: str, on: dt.date, disposition: str) -> None:
    state = clock_of(info_request)
    if action == "correction":
        services.correction_request(
            actor=handler,
            info_request=info_request,
            on=on,
            due_on=on + dt.timedelta(days=10),
            items="补正",
            issue_letter=False,
        )
    elif action == "correction_received":
        services.correction_receive(actor=handler, info_request=info_request, on=on)
    elif action == "correction_lapse":
        services.correction_lapse(actor=handler, info_request=info_request, on=on)
    elif action == "consult":
        services.consultation_start(
            actor=handler,
            info_request=info_request,
            kind=ConsultationKind.THIRD_PARTY,
            party="甲",
            on=on,
            issue_letter=False,
        )
    elif action == "consult_end":
        for consultation in state.open_consultations:
            event = info_request.events.get(pk=consultation.event_id)
            services.consultation_end(actor=handler, info_request=info_request, consultation=event, on=on)
    elif action == "extension":
        services.extension_approve(
            actor=head, info_request=info_request, days=10, reason="复杂", on=on, issue_letter=False
        )
    elif action == "reasons":
        services.reasons_request(
            actor=handler,
            info_request=info_request,
            on=on,
            due_on=on + dt.timedelta(days=7),
            issue_letter=False,
        )
    elif action == "reasons_ok":
        services.reasons_receive(actor=handler, info_request=info_request, on=on, accepted=True)
    elif action == "delayed":
        due = (state.reply_due_on or on) + dt.timedelta(days=30)
        services.delayed_reply_set(
            actor=handler, info_request=info_request, on=on, due_on=due, note="数量大", issue_letter=False
        )
    elif action == "fee":
        services.fee_notify(
            actor=handler,
            info_request=info_request,
            on=on,
            basis=FeeBasis.PER_PAGE,
            quantity=50,
            amount=services.fee_amount(basis=FeeBasis.PER_PAGE, quantity=50),
            reason="超量",
            issue_letter=False,
        )
    elif action == "fee_paid":
        services.fee_pay(actor=handler, info_request=info_request, on=on)
    elif action == "fee_lapse":
        services.fee_lapse(actor=handler, info_request=info_request, on=on)
    elif action == "withdraw":
        services.request_withdraw(actor=handler, info_request=info_request, on=on)
    elif action == "reply":
        services.reply_issue(
            actor=handler,
            info_request=info_request,
            disposition=disposition,
            grounds=[Ground.THIRD_PARTY],
            explanation="说明",
            other_agency="乙局",
            replied_on=on,
            issue_letter=False,
        )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(applications=st.lists(application, min_size=1, max_size=8), cases=st.lists(case, max_size=5))
def test_tables_from_any_history_satisfy_the_identities(
    world, handler, head, time_machine, applications, cases
):
    time_machine.to(TODAY)
    organization = world.department
    try:
        with transaction.atomic():
            for spec in applications:
                day = START + dt.timedelta(days=spec["received"])
                info_request = register(
                    organization=organization,
                    actor=handler,
                    received_on=day,
                    applicant_type=spec["applicant_type"],
                )
                for action, gap, disposition in spec["steps"]:
                    day = min(day + dt.timedelta(days=gap), TODAY)
                    try:
                        with transaction.atomic():
                            act(handler, head, info_request, action, day, disposition)
                    except DomainError:
                        pass
            for number, spec in enumerate(cases):
                filed = START + dt.timedelta(days=spec["filed"])
                decided = min(filed + dt.timedelta(days=spec["decided_after"]), TODAY)
                kind, after_review = spec["kind"]
                services.case_create(
                    actor=handler,
                    organization=organization,
                    values={
                        "kind": kind,
                        "after_review": after_review,
                        "case_number": f"案{number}",
                        "deciding_body": "某机关",
                        "filed_on": filed,
                        "result": spec["result"],
                        "decided_on": None if spec["result"] == CaseResult.PENDING else decided,
                    },
                )
            check_histories(organization, len(cases), cases)
            raise Rollback
    except Rollback:
        pass


def check_histories(organization, case_count: int, cases) -> None:
    requests = list(InfoRequest.objects.filter(organization=organization))
    for info_request in requests:
        state = clock_of(info_request)
        assert (
            info_request.status,
            info_request.reply_due_on,
            info_request.closed_on,
            info_request.disposition,
        ) == (
            state.status,
            state.reply_due_on,
            state.closed_on,
            state.disposition if state.is_closed else "",
        )
    previous = None
    for year in YEARS:
        layout = format_for_year(year)
        report = AnnualReport.empty(layout, organization=organization.name, year=year)
        report.tables["T3"] = t3_table([organization], year, layout)
        report.tables["T4"] = t4_table([organization], year, layout)
        findings = check_report(report, previous)
        assert errors(findings) == [] or all(f.table == "T2" for f in errors(findings)), errors(findings)
        assert [f for f in findings if f.rule == "I6"] == []
        closed = [r for r in requests if r.received_on and r.closed_on and r.closed_on.year == year]
        assert report.tables["T3"]["R3_7"]["TOTAL"] == len(
            closed
        )  # each closed application in exactly one row
        received = [r for r in requests if r.received_on and r.received_on.year == year]
        assert report.tables["T3"]["R1"]["TOTAL"] == len(received)
        filed = [c for c in cases if (START + dt.timedelta(days=c["filed"])).year == year]
        assert sum(report.tables["T4"][group]["TOTAL"] for group in ("RV", "LD", "LR")) == len(filed)
        previous = report
