"""Composing a letter's text: the organization's template (or the built-in one) with its
placeholders filled from the application, its clock and the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from gongkai.accounts.models import Organization
from gongkai.requests.clock import ClockState
from gongkai.requests.codes import FeeBasis, Ground, LetterKind
from gongkai.requests.letters import defaults
from gongkai.requests.letters.render import chinese_date, fill
from gongkai.requests.models import InfoRequest, LetterTemplate, Reply, RequestEvent

GROUND_TEXT: dict[str, str] = {
    Ground.SECRET: "属于国家秘密",
    Ground.PROHIBITED_BY_LAW: "属于法律、行政法规禁止公开的信息",
    Ground.SAFETY: "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    Ground.THIRD_PARTY: "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    Ground.INTERNAL_AFFAIRS: "属于内部事务信息",
    Ground.PROCESS_INFORMATION: "属于过程性信息",
    Ground.CASE_FILE: "属于行政执法案卷信息",
    Ground.NOT_GOVERNMENT_INFORMATION: "不属于政府信息",
}
FEE_BASIS_TEXT: dict[str, str] = {FeeBasis.PER_PIECE: "按件计收", FeeBasis.PER_PAGE: "按量计收"}


@dataclass(frozen=True)
class Draft:
    title: str
    body: str
    source: str  # "default" or "template:<id>", stored with the letter


def template_for(organization: Organization, kind: str, disposition: str = "") -> LetterTemplate | None:
    templates = {
        t.disposition: t
        for t in LetterTemplate.objects.filter(
            organization=organization, kind=kind, disposition__in=[disposition, ""]
        )
    }
    return templates.get(disposition) or templates.get("")


def grounds_text(grounds: Iterable[str]) -> str:
    return "；".join(GROUND_TEXT.get(g, g) for g in grounds)


def _money(amount: Decimal | None) -> str:
    return f"{amount:.2f}" if amount is not None else ""


def letter_values(
    *,
    info_request: InfoRequest,
    state: ClockState,
    issued_on: dt.date,
    reply: Reply | None = None,
    event: RequestEvent | None = None,
    explanation: str = "",
) -> dict[str, str]:
    values = {
        "applicant": info_request.applicant.name,
        "organization": info_request.organization.name,
        "reference": info_request.reference,
        "received_on": chinese_date(state.received_on),
        "description": info_request.description.strip(),
        "explanation": explanation,
        "remedies": defaults.REMEDIES,
        "correction_due": chinese_date(state.correction_due_on),
        "correction_requested_on": chinese_date(state.correction_requested_on),
        "reply_due": chinese_date(state.reply_due_on),
        "reasons_due": chinese_date(state.reasons_due_on),
        "fee_due": chinese_date(state.fee_due_on),
        "extension_days": str(state.extension_days or ""),
        "issued_on": chinese_date(issued_on),
        "grounds": "",
        "other_agency": "",
        "correction_items": "",
        "party": "",
        "opinion_due": "",
        "fee_basis": "",
        "fee_quantity": "",
        "fee_amount": "",
    }
    if reply is not None:
        values["grounds"] = grounds_text(reply.grounds)
        values["other_agency"] = reply.other_agency
        values["explanation"] = explanation or reply.explanation
    if event is not None:
        values["correction_items"] = event.note if event.kind == "correction_requested" else ""
        values["party"] = event.party
        if event.kind == "consultation_started":
            consultation = next((c for c in state.consultations if c.event_id == event.pk), None)
            values["opinion_due"] = chinese_date(consultation.opinion_due_on if consultation else None)
        if event.kind == "extension":
            values["extension_days"] = str(event.days or "")
        if event.kind == "fee_notice":
            values["fee_basis"] = FEE_BASIS_TEXT.get(event.fee_basis, "")
            unit = "件" if event.fee_basis == FeeBasis.PER_PIECE else "页"
            values["fee_quantity"] = f"{event.quantity or 0}{unit}"
            values["fee_amount"] = _money(event.amount)
        if event.kind in (
            "extension",
            "delayed_reply",
            "reasons_requested",
            "fee_notice",
            "consultation_started",
        ):
            values["explanation"] = explanation or event.note
    return values


def compose(
    *,
    info_request: InfoRequest,
    kind: str,
    state: ClockState,
    issued_on: dt.date,
    disposition: str = "",
    reply: Reply | None = None,
    event: RequestEvent | None = None,
    explanation: str = "",
) -> Draft:
    """The letter's title and text, ready for the handler to read (and edit) before issue."""
    template = template_for(info_request.organization, kind, disposition)
    title = template.title if template else defaults.default_title(kind)
    body = template.body if template else defaults.default_body(kind)
    values = letter_values(
        info_request=info_request,
        state=state,
        issued_on=issued_on,
        reply=reply,
        event=event,
        explanation=explanation,
    )
    if kind == LetterKind.REPLY:
        values["decision"] = fill(defaults.DECISIONS.get(disposition, ""), values)
    text = fill(body, values)
    lines = [line.strip() for line in text.splitlines()]
    return Draft(
        title=title,
        body="\n".join(line for line in lines if line),
        source=f"template:{template.pk}" if template else "default",
    )


def addressee_for(info_request: InfoRequest, kind: str, event: RequestEvent | None = None) -> str:
    if kind == LetterKind.CONSULTATION and event is not None:
        return event.party
    return info_request.applicant.name
