"""Deputies' suggestions and members' proposals (人大代表建议、政协委员提案): the record,
the handling body's reply, and the reply's publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.accounts.roles import PARTICIPATION_EDIT, PARTICIPATION_PUBLISH
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.participation.models import DeputyProposal, HandlingRole, ProposalKind, ProposalResult
from gongkai.participation.privacy import check_public_text
from gongkai.participation.services._common import apply_values, now, require, required_text, state, today

FIELDS = ["kind", "year", "session", "number", "title", "proposers", "handling_role", "received_on"]
REPLY_FIELDS = ["reply", "replied_on", "result"]


def _reindex(proposal: DeputyProposal) -> None:
    from gongkai.participation.search import reindex_proposal

    reindex_proposal(proposal)


def _check(organization: Organization, values: dict[str, Any], pk: int | None = None) -> None:
    if values.get("kind") not in ProposalKind.values:
        raise DomainError(_("Choose whether it is a suggestion or a proposal."), field="kind")
    if values.get("handling_role") not in HandlingRole.values:
        raise DomainError(_("Choose how the body handles it."), field="handling_role")
    required_text(values.get("number", ""), field="number", message=_("Give its number."))
    required_text(values.get("title", ""), field="title", message=_("Give its title."))
    year = values.get("year")
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."), field="year")
    if values.get("received_on") is None:
        raise DomainError(_("Give the day it was received."), field="received_on")
    duplicate = DeputyProposal.objects.filter(
        organization=organization, kind=values["kind"], year=year, number=values["number"].strip()
    )
    if pk is not None:
        duplicate = duplicate.exclude(pk=pk)
    if duplicate.exists():
        raise DomainError(_("There is already one with this number this year."), field="number")


@transaction.atomic
def proposal_create(*, actor: Any, organization: Organization, values: dict[str, Any]) -> DeputyProposal:
    require(actor, PARTICIPATION_EDIT, organization)
    _check(organization, values)
    proposal = DeputyProposal(organization=organization)
    apply_values(proposal, {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}, FIELDS)
    proposal.save()
    log_action(actor=actor, action="proposal.created", target=proposal, after=state(proposal, FIELDS))
    return proposal


@transaction.atomic
def proposal_update(*, actor: Any, proposal: DeputyProposal, values: dict[str, Any]) -> DeputyProposal:
    require(actor, PARTICIPATION_EDIT, proposal.organization)
    merged = {**state(proposal, FIELDS), **values}
    merged["received_on"] = values.get("received_on", proposal.received_on)
    _check(proposal.organization, merged, proposal.pk)
    before = state(proposal, FIELDS)
    apply_values(proposal, {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}, FIELDS)
    proposal.save()
    log_action(
        actor=actor, action="proposal.updated", target=proposal, before=before, after=state(proposal, FIELDS)
    )
    _reindex(proposal)
    return proposal


@transaction.atomic
def proposal_reply(
    *, actor: Any, proposal: DeputyProposal, reply: str, replied_on: dt.date, result: str
) -> DeputyProposal:
    require(actor, PARTICIPATION_EDIT, proposal.organization)
    proposal = DeputyProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.published_at is not None:
        raise DomainError(_("The reply is published; withdraw it before changing it."))
    reply = required_text(reply, field="reply", message=_("Write the reply."))
    if result not in ProposalResult.values:
        raise DomainError(_("Choose the result."), field="result")
    if replied_on < proposal.received_on or replied_on > today():
        raise DomainError(
            _("The reply date must lie between the day received and today."), field="replied_on"
        )
    before = state(proposal, REPLY_FIELDS)
    proposal.reply, proposal.replied_on, proposal.result = reply, replied_on, result
    proposal.save(update_fields=REPLY_FIELDS)
    log_action(
        actor=actor,
        action="proposal.replied",
        target=proposal,
        before=before,
        after=state(proposal, REPLY_FIELDS),
    )
    return proposal


@transaction.atomic
def proposal_publish(*, actor: Any, proposal: DeputyProposal) -> DeputyProposal:
    require(actor, PARTICIPATION_PUBLISH, proposal.organization)
    proposal = DeputyProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.replied_on is None:
        raise DomainError(_("Record the reply before publishing it."))
    if proposal.published_at is not None:
        raise DomainError(_("The reply is already published."))
    check_public_text(proposal.reply, field="reply")
    proposal.published_at = now()
    proposal.save(update_fields=["published_at"])
    log_action(
        actor=actor,
        action="proposal.published",
        target=proposal,
        before={"published_at": None},
        after=state(proposal, ["published_at"]),
    )
    _reindex(proposal)
    return proposal


@transaction.atomic
def proposal_unpublish(*, actor: Any, proposal: DeputyProposal, reason: str) -> DeputyProposal:
    require(actor, PARTICIPATION_PUBLISH, proposal.organization)
    reason = required_text(reason, field="reason", message=_("Give the reason for withdrawing the reply."))
    proposal = DeputyProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.published_at is None:
        raise DomainError(_("The reply is not published."))
    before = state(proposal, ["published_at"])
    proposal.published_at = None
    proposal.save(update_fields=["published_at"])
    log_action(
        actor=actor,
        action="proposal.unpublished",
        target=proposal,
        before=before,
        after={"published_at": None},
        data={"reason": reason},
    )
    _reindex(proposal)
    return proposal
