"""Government new-media accounts (政务新媒体): the registry, the date each was last
updated, and the records of accounts closed or merged (国办发〔2018〕123号 asks bodies to
close or merge accounts that are not kept up)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.accounts.roles import PARTICIPATION_EDIT
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.participation.models import MediaAccount, MediaPlatform, MediaStatus, ParticipationSettings
from gongkai.participation.services._common import apply_values, require, required_text, state, today

FIELDS = ["platform", "name", "account_id", "opened_on"]
STATUS_FIELDS = ["status", "closed_on", "merged_into", "closure_reason"]


def _check(values: dict[str, Any]) -> None:
    if values.get("platform") not in MediaPlatform.values:
        raise DomainError(_("Choose the platform."), field="platform")
    required_text(values.get("name", ""), field="name", message=_("Give the account's name."))
    opened = values.get("opened_on")
    if opened is not None and opened > today():
        raise DomainError(_("The opening date lies in the future."), field="opened_on")


@transaction.atomic
def media_account_create(*, actor: Any, organization: Organization, values: dict[str, Any]) -> MediaAccount:
    require(actor, PARTICIPATION_EDIT, organization)
    _check(values)
    account = MediaAccount(organization=organization)
    apply_values(account, values, FIELDS)
    account.save()
    log_action(actor=actor, action="media_account.created", target=account, after=state(account, FIELDS))
    return account


@transaction.atomic
def media_account_update(*, actor: Any, account: MediaAccount, values: dict[str, Any]) -> MediaAccount:
    require(actor, PARTICIPATION_EDIT, account.organization)
    _check({**state(account, FIELDS), **values, "opened_on": values.get("opened_on", account.opened_on)})
    before = state(account, FIELDS)
    apply_values(account, values, FIELDS)
    account.save()
    log_action(
        actor=actor,
        action="media_account.updated",
        target=account,
        before=before,
        after=state(account, FIELDS),
    )
    return account


@transaction.atomic
def media_account_record_update(*, actor: Any, account: MediaAccount, on: dt.date) -> MediaAccount:
    """The account published something on ``on`` (from a check of the account)."""
    require(actor, PARTICIPATION_EDIT, account.organization)
    if account.status != MediaStatus.ACTIVE:
        raise DomainError(_("The account is closed."))
    if on > today():
        raise DomainError(_("The date lies in the future."), field="on")
    if account.opened_on and on < account.opened_on:
        raise DomainError(_("The date lies before the account was opened."), field="on")
    before = state(account, ["last_updated_on"])
    if account.last_updated_on and on <= account.last_updated_on:
        raise DomainError(_("A later update is already recorded."), field="on")
    account.last_updated_on = on
    account.save(update_fields=["last_updated_on"])
    log_action(
        actor=actor,
        action="media_account.update_recorded",
        target=account,
        before=before,
        after=state(account, ["last_updated_on"]),
    )
    return account


@transaction.atomic
def media_account_close(
    *, actor: Any, account: MediaAccount, on: dt.date, reason: str, merged_into: MediaAccount | None = None
) -> MediaAccount:
    """Close the account, or merge it into another account that goes on operating."""
    require(actor, PARTICIPATION_EDIT, account.organization)
    account = MediaAccount.objects.select_for_update().get(pk=account.pk)
    if account.status != MediaStatus.ACTIVE:
        raise DomainError(_("The account is already closed."))
    reason = required_text(reason, field="reason", message=_("Give the reason."))
    if on > today() or (account.opened_on and on < account.opened_on):
        raise DomainError(_("The date must lie between the opening and today."), field="on")
    if merged_into is not None:
        if merged_into.pk == account.pk or merged_into.status != MediaStatus.ACTIVE:
            raise DomainError(_("Merge it into another account that is operating."), field="merged_into")
        if merged_into.organization.path.split(".")[0] != account.organization.path.split(".")[0]:
            raise DomainError(_("Merge it into an account of the same government."), field="merged_into")
    before = state(account, STATUS_FIELDS)
    account.status = MediaStatus.MERGED if merged_into else MediaStatus.CLOSED
    account.closed_on = on
    account.merged_into = merged_into
    account.closure_reason = reason
    account.save(update_fields=STATUS_FIELDS)
    log_action(
        actor=actor,
        action="media_account.merged" if merged_into else "media_account.closed",
        target=account,
        before=before,
        after=state(account, STATUS_FIELDS),
    )
    return account


@transaction.atomic
def settings_update(
    *, actor: Any, organization: Organization, message_reply_workdays: int, media_stale_days: int
) -> ParticipationSettings:
    require(actor, "org.edit_column", organization)
    if not 1 <= message_reply_workdays <= 60:
        raise DomainError(_("Give between 1 and 60 working days."), field="message_reply_workdays")
    if not 1 <= media_stale_days <= 366:
        raise DomainError(_("Give between 1 and 366 days."), field="media_stale_days")
    current, _created = ParticipationSettings.objects.get_or_create(
        organization=organization,
        defaults={"message_reply_workdays": message_reply_workdays, "media_stale_days": media_stale_days},
    )
    before = None if _created else state(current, ["message_reply_workdays", "media_stale_days"])
    current.message_reply_workdays = message_reply_workdays
    current.media_stale_days = media_stale_days
    current.save()
    log_action(
        actor=actor,
        action="participation.settings_updated",
        target=current,
        organization=organization,
        before=before,
        after=state(current, ["message_reply_workdays", "media_stale_days"]),
    )
    return current
