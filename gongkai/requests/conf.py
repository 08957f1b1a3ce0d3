"""Settings of the application clock, for the points the sources leave open.

Read from ``settings.GONGKAI["REQUESTS"]`` (a dict), each with a default:

``FEE_NOTICE_PAUSES_CLOCK`` (default False)
    Whether the time between a fee notice and its payment is left out of the reply period.
    国办函〔2020〕109号 was not read in full on this point (spec §6.4, tagged [R]); off until
    it is checked.
``COUNT_RECEIPT_DAY`` (default False)
    Whether the receipt day itself is counted. Off: 民法典 Art. 201 by analogy — the first
    day of a period is not counted (spec §4.1, [I]).
``DUE_SOON_WORKDAYS`` (default 3)
    How many working days before a due date the workbench marks it "due soon".
``REPLY_WORKDAYS`` / ``CORRECTION_NOTICE_WORKDAYS`` / ``CONSULTATION_WORKDAYS`` /
``MAX_EXTENSION_WORKDAYS`` / ``FEE_PAYMENT_WORKDAYS`` (20 / 7 / 15 / 20 / 20)
    The statutory periods (Art. 33, Art. 30, Arts. 32 and 34, Art. 33; the provincial
    fee notices). Changing them is a change of law, not of taste.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class ClockRules:
    reply_workdays: int = 20
    correction_notice_workdays: int = 7
    consultation_workdays: int = 15
    max_extension_workdays: int = 20
    fee_payment_workdays: int = 20
    fee_notice_pauses_clock: bool = False
    count_receipt_day: bool = False
    due_soon_workdays: int = 3


def clock_rules() -> ClockRules:
    values = dict(getattr(settings, "GONGKAI", {}).get("REQUESTS", {}))
    defaults = ClockRules()
    return ClockRules(
        reply_workdays=int(values.get("REPLY_WORKDAYS", defaults.reply_workdays)),
        correction_notice_workdays=int(
            values.get("CORRECTION_NOTICE_WORKDAYS", defaults.correction_notice_workdays)
        ),
        consultation_workdays=int(values.get("CONSULTATION_WORKDAYS", defaults.consultation_workdays)),
        max_extension_workdays=int(values.get("MAX_EXTENSION_WORKDAYS", defaults.max_extension_workdays)),
        fee_payment_workdays=int(values.get("FEE_PAYMENT_WORKDAYS", defaults.fee_payment_workdays)),
        fee_notice_pauses_clock=bool(values.get("FEE_NOTICE_PAUSES_CLOCK", defaults.fee_notice_pauses_clock)),
        count_receipt_day=bool(values.get("COUNT_RECEIPT_DAY", defaults.count_receipt_day)),
        due_soon_workdays=int(values.get("DUE_SOON_WORKDAYS", defaults.due_soon_workdays)),
    )
