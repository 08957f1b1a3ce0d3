"""Emergency information (条例 Art. 20 (12): 突发公共事件的应急预案、预警信息及应对情况).

The fast path: an urgent notice cannot wait for the four steps of an ordinary publication
(submit, confidentiality review, approval, publication). It is written by one person and
released by another in one step that is the review, the approval and the publication
together — still two people, still the personal-data scan, but minutes instead of days.
While an event has released notices and its response has not ended, every column page of
the body and of the bodies below it shows its banner; each event has a timeline page.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.accounts.roles import EMERGENCY_RELEASE, PARTICIPATION_EDIT, PARTICIPATION_PUBLISH
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.participation.models import EmergencyEvent, EmergencyKind, EmergencyNotice, NoticeKind
from gongkai.participation.privacy import check_public_text
from gongkai.participation.services._common import apply_values, now, require, required_text, state, today

EVENT_FIELDS = ["title", "kind", "banner", "started_on"]
NOTICE_FIELDS = ["kind", "title", "body"]


def _reindex(event: EmergencyEvent) -> None:
    from gongkai.participation.search import reindex_emergency

    reindex_emergency(event)


def _check_event(values: dict[str, Any]) -> None:
    required_text(values.get("title", ""), field="title", message=_("Name the event."))
    required_text(values.get("banner", ""), field="banner", message=_("Write the banner text."))
    if values.get("kind") not in EmergencyKind.values:
        raise DomainError(_("Choose the kind of event."), field="kind")
    started = values.get("started_on")
    if started is None or started > today():
        raise DomainError(_("Give the day the event began (not in the future)."), field="started_on")


@transaction.atomic
def event_create(*, actor: Any, organization: Organization, values: dict[str, Any]) -> EmergencyEvent:
    require(actor, PARTICIPATION_EDIT, organization)
    _check_event(values)
    event = EmergencyEvent(organization=organization)
    apply_values(event, values, EVENT_FIELDS)
    event.save()
    log_action(actor=actor, action="emergency.created", target=event, after=state(event, EVENT_FIELDS))
    return event


@transaction.atomic
def event_update(*, actor: Any, event: EmergencyEvent, values: dict[str, Any]) -> EmergencyEvent:
    require(actor, PARTICIPATION_EDIT, event.organization)
    _check_event(
        {**state(event, EVENT_FIELDS), **values, "started_on": values.get("started_on", event.started_on)}
    )
    before = state(event, EVENT_FIELDS)
    apply_values(event, values, EVENT_FIELDS)
    event.save()
    log_action(
        actor=actor, action="emergency.updated", target=event, before=before, after=state(event, EVENT_FIELDS)
    )
    _reindex(event)
    return event


@transaction.atomic
def event_end(*, actor: Any, event: EmergencyEvent) -> EmergencyEvent:
    """The response is over: the banner goes; the timeline stays public."""
    require(actor, PARTICIPATION_PUBLISH, event.organization)
    event = EmergencyEvent.objects.select_for_update().get(pk=event.pk)
    if event.ended_at is not None:
        raise DomainError(_("The response has already ended."))
    event.ended_at = now()
    event.save(update_fields=["ended_at"])
    log_action(
        actor=actor,
        action="emergency.ended",
        target=event,
        before={"ended_at": None},
        after=state(event, ["ended_at"]),
    )
    return event


@transaction.atomic
def notice_draft(*, actor: Any, event: EmergencyEvent, values: dict[str, Any]) -> EmergencyNotice:
    require(actor, PARTICIPATION_EDIT, event.organization)
    if values.get("kind") not in NoticeKind.values:
        raise DomainError(_("Choose the kind of notice."), field="kind")
    required_text(values.get("title", ""), field="title", message=_("Give the notice a title."))
    required_text(values.get("body", ""), field="body", message=_("Write the notice."))
    notice = EmergencyNotice(
        event=event, written_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    apply_values(notice, values, NOTICE_FIELDS)
    notice.save()
    log_action(
        actor=actor,
        action="emergency.notice_drafted",
        target=notice,
        organization=event.organization,
        after=state(notice, NOTICE_FIELDS),
    )
    return notice


@transaction.atomic
def notice_release(*, actor: Any, notice: EmergencyNotice, note: str = "") -> EmergencyNotice:
    """The shortened review: check and publish in one step, by someone other than the writer."""
    event = notice.event
    require(actor, EMERGENCY_RELEASE, event.organization)
    notice = EmergencyNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.released_at is not None:
        raise DomainError(_("The notice is already released."))
    if notice.written_by_id is not None and notice.written_by_id == getattr(actor, "pk", None):
        raise DomainError(_("Someone other than its writer must check and release the notice."))
    check_public_text(notice.title, field="title")
    check_public_text(notice.body, field="body")
    before = state(notice, ["released_at", "released_by", "review_note"])
    notice.released_at = now()
    notice.released_by = actor if getattr(actor, "is_authenticated", False) else None
    notice.review_note = note.strip()
    notice.save(update_fields=["released_at", "released_by", "review_note"])
    log_action(
        actor=actor,
        action="emergency.notice_released",
        target=notice,
        organization=event.organization,
        before=before,
        after={**state(notice, ["released_at", "released_by", "review_note"]), "fast_path": True},
    )
    _reindex(event)
    return notice
