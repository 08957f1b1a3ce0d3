"""Writes to proactive disclosure, each atomic and audited in the same transaction.

The workflow of a publication::

    draft --submit--> in_review --pass review--> awaiting_approval --approve--> approved
      ^                   |                          |                             |
      +------return-------+--------------------------+-----------------------------+
    approved --publish (now, or at publish_at by `publish_scheduled`)--> published
    published --withdraw (with a reason)--> withdrawn          (never deleted)

Submitting runs the personal-data scan; passing review and publishing re-run it and refuse
while any finding is neither redacted nor confirmed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.models import Organization
from gongkai.core.audit import log_action, snapshot, trail_for
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.core.uploads import read_in_worker
from gongkai.disclosure import files, scan
from gongkai.disclosure.models import (
    KINDS_WITH_VALIDITY,
    Attachment,
    Catalog,
    CatalogEntry,
    CatalogEntryVersion,
    ChangeKind,
    Channel,
    FindingStatus,
    IndexSequence,
    PersonalDataFinding,
    PilotArea,
    Publication,
    PublicationKind,
    PublicationRevision,
    PublicationSettings,
    PublicationStatus,
    StatisticItem,
    StatisticSource,
    Validity,
    YearlyStatistic,
    YearlyStatisticRevision,
)
from gongkai.search.text import plain_text_from_html

DEFAULT_INDEX_PATTERN = "{credit_code}/{yyyy}-{seq:05d}"
INDEX_FIELDS = ("credit_code", "yyyy", "mm", "category", "seq")

EDITABLE_FIELDS = [
    "title",
    "body",
    "summary",
    "keywords",
    "document_number",
    "publisher",
    "written_on",
    "formed_on",
    "statutory_category",
    "subject_category",
    "kind",
    "validity",
    "effective_on",
    "validity_changed_on",
    "interprets",
    "catalog_entry",
    "deadline_workdays",
]
AUDIT_FIELDS = [*EDITABLE_FIELDS, "status", "index_number", "published_on", "publish_at", "revision"]

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4", "ul", "ol", "li",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "span", "div", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitize_body(markup: str) -> str:
    """The rich text of a body, reduced to safe markup (no scripts, styles or handlers)."""
    return nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def _now() -> dt.datetime:
    return timezone.now()


def _state(publication: Publication) -> dict[str, Any]:
    return snapshot(publication, AUDIT_FIELDS)


def _require_status(publication: Publication, *allowed: str) -> None:
    if publication.status not in allowed:
        raise DomainError(
            _("This cannot be done while the publication is %(status)s.")
            % {"status": publication.get_status_display()},
            code="wrong_status",
        )


def _clean(publication: Publication) -> None:
    """Field rules beyond the model's constraints, as DomainErrors naming the field."""
    if publication.kind not in KINDS_WITH_VALIDITY:
        publication.validity = ""
        publication.effective_on = None
        publication.validity_changed_on = None
    elif not publication.validity:
        publication.validity = Validity.VALID
    if publication.validity == Validity.VALID:
        publication.validity_changed_on = None
    elif publication.validity and publication.validity_changed_on is None:
        raise DomainError(
            _("Give the date the document expired or was repealed."), field="validity_changed_on"
        )
    if publication.kind == PublicationKind.INTERPRETATION:
        if publication.interprets_id is None:
            raise DomainError(_("An interpretation must name the policy it explains."), field="interprets")
        policy = publication.interprets
        if policy is not None and (
            policy.kind == PublicationKind.INTERPRETATION or policy.pk == publication.pk
        ):
            raise DomainError(
                _("An interpretation explains a policy, not another interpretation."), field="interprets"
            )
    else:
        publication.interprets = None
    if publication.catalog_entry_id is not None:
        entry = publication.catalog_entry
        if entry is None or entry.is_deleted or entry.catalog.organization_id != publication.organization_id:
            raise DomainError(_("Choose an entry of this organization's own catalog."), field="catalog_entry")
    if publication.written_on and publication.formed_on and publication.written_on > publication.formed_on:
        raise DomainError(_("A document is formed on or after the day it is written."), field="formed_on")
    if not publication.publisher:
        publication.publisher = publication.organization.name
    publication.body = sanitize_body(publication.body)
    try:
        publication.full_clean(exclude=["organization", "interprets", "catalog_entry", "created_by"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


def _keep_revision(publication: Publication, actor: Any) -> None:
    PublicationRevision.objects.create(
        publication=publication,
        number=publication.revision,
        title=publication.title,
        body=publication.body,
        metadata={
            key: value
            for key, value in snapshot(publication, EDITABLE_FIELDS).items()
            if key not in ("title", "body")
        },
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def publication_create(*, actor: Any, organization: Organization, values: dict[str, Any]) -> Publication:
    publication = Publication(organization=organization)
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(publication, name, values[name])
    if not publication.statutory_category:
        raise DomainError(_("Choose the statutory category."), field="statutory_category")
    if publication.formed_on is None:
        raise DomainError(_("Give the date the information was formed or changed."), field="formed_on")
    if publication.interprets_id and publication.interprets.organization_id != organization.pk:  # type: ignore[union-attr]
        _check_interpreted(publication)
    _clean(publication)
    publication.created_by = actor if getattr(actor, "is_authenticated", False) else None
    publication.save()
    _keep_revision(publication, actor)
    log_action(actor=actor, action="publication.created", target=publication, after=_state(publication))
    return publication


def _check_interpreted(publication: Publication) -> None:
    """An interpretation may explain a policy of another body, if it is public."""
    policy = publication.interprets
    if policy is not None and policy.organization_id != publication.organization_id and not policy.is_public:
        raise DomainError(
            _("Only a published policy of another body can be interpreted."), field="interprets"
        )


@transaction.atomic
def publication_update(*, actor: Any, publication: Publication, values: dict[str, Any]) -> Publication:
    """Change a draft; every saved change is kept as a new revision."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _require_status(publication, PublicationStatus.DRAFT)
    before = _state(publication)
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(publication, name, values[name])
    _check_interpreted(publication)
    _clean(publication)
    after = snapshot(publication, AUDIT_FIELDS)
    if after == before:
        return publication
    publication.revision += 1
    publication.save()
    _keep_revision(publication, actor)
    log_action(
        actor=actor,
        action="publication.updated",
        target=publication,
        before=before,
        after=_state(publication),
    )
    return publication


def attachment_add(
    *, actor: Any, publication: Publication, name: str, data: bytes, in_worker: bool = False
) -> Attachment:
    """Attach a file to a draft. The caps (size, ZIP parts, PDF pages) are checked first,
    reading nothing but the file's directory; the text is then extracted — by a task worker
    within the time limit when ``in_worker`` (the back-office page), here otherwise (imports,
    commands). Not atomic itself: the worker must be able to write while it reads."""
    kind = files.check_upload(data)
    if in_worker:
        text = read_in_worker("gongkai.disclosure.files.extract_text", data, kind)
    else:
        text = files.extract_text(data, kind)
    return _attachment_store(actor=actor, publication=publication, name=name, data=data, kind=kind, text=text)


@transaction.atomic
def _attachment_store(
    *, actor: Any, publication: Publication, name: str, data: bytes, kind: str, text: str
) -> Attachment:
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    _require_status(publication, PublicationStatus.DRAFT)
    safe_name = re.sub(r"[\\/\x00-\x1f]", "_", name).strip() or f"attachment.{kind}"
    attachment = Attachment(
        publication=publication,
        name=safe_name[:200],
        file_type=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        position=publication.attachments.count(),
    )
    stored_name = f"{attachment.sha256[:16]}.{kind}"
    attachment.file.save(stored_name, ContentFile(data), save=False)
    attachment.save()
    log_action(
        actor=actor,
        action="publication.attachment_added",
        target=publication,
        data={"attachment": attachment.pk, "name": attachment.name, "type": kind, "size": len(data)},
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    publication = attachment.publication
    _require_status(publication, PublicationStatus.DRAFT)
    log_action(
        actor=actor,
        action="publication.attachment_removed",
        target=publication,
        data={"attachment": attachment.pk, "name": attachment.name, "sha256": attachment.sha256},
    )
    stored = attachment.file.name or ""
    storage = attachment.file.storage
    attachment.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
    PersonalDataFinding.objects.filter(
        publication=publication, location=f"attachment:{attachment.pk}", status=FindingStatus.OPEN
    ).update(status=FindingStatus.REDACTED, resolved_at=_now())


# --- The personal-data scan ----------------------------------------------------------------------


def _scanned_texts(publication: Publication) -> list[tuple[str, str]]:
    texts = [
        ("title", publication.title),
        ("summary", publication.summary),
        ("body", plain_text_from_html(publication.body)),
        ("document_number", publication.document_number),
    ]
    texts += [(f"attachment:{a.pk}", f"{a.name}\n{a.text}") for a in publication.attachments.all()]
    return texts


@transaction.atomic
def publication_scan(*, actor: Any, publication: Publication) -> list[PersonalDataFinding]:
    """Scan the title, text and attachments; record new findings, mark findings that are no
    longer there as redacted, keep confirmations. Returns the open findings."""
    today = timezone.localdate()
    seen: set[tuple[str, str]] = set()
    existing = {(f.location, f.fingerprint): f for f in publication.findings.all()}
    created = 0
    for location, text in _scanned_texts(publication):
        for hit in scan.scan_text(text, today):
            key = (location, hit.fingerprint)
            if key in seen:
                continue
            seen.add(key)
            finding = existing.get(key)
            if finding is None:
                PersonalDataFinding.objects.create(
                    publication=publication,
                    kind=hit.kind,
                    location=location,
                    masked=hit.masked,
                    fingerprint=hit.fingerprint,
                    context=scan.context_of(text, hit)[:200],
                )
                created += 1
            elif finding.status == FindingStatus.REDACTED:
                finding.status = FindingStatus.OPEN
                finding.resolved_at = None
                finding.save(update_fields=["status", "resolved_at"])
                created += 1
    gone = [f.pk for key, f in existing.items() if key not in seen and f.status == FindingStatus.OPEN]
    if gone:
        PersonalDataFinding.objects.filter(pk__in=gone).update(
            status=FindingStatus.REDACTED, resolved_at=_now()
        )
    open_findings = list(publication.findings.filter(status=FindingStatus.OPEN))
    log_action(
        actor=actor,
        action="publication.scanned",
        target=publication,
        data={
            "new": created,
            "gone": len(gone),
            "open": len(open_findings),
            "revision": publication.revision,
        },
    )
    return open_findings


def _require_clean_scan(actor: Any, publication: Publication) -> None:
    open_findings = publication_scan(actor=actor, publication=publication)
    if open_findings:
        raise DomainError(
            _(
                "Personal data was found (%(count)s item(s)). Redact each one or confirm it may be "
                "published before going on."
            )
            % {"count": len(open_findings)},
            code="personal_data",
        )


@transaction.atomic
def finding_confirm(*, actor: Any, finding: PersonalDataFinding, reason: str) -> PersonalDataFinding:
    """The reviewer confirms that this piece of personal data may be published (e.g. a
    mobile number that is an office's public hotline), saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why this may be published."), field="reason")
    finding = PersonalDataFinding.objects.select_for_update().select_related("publication").get(pk=finding.pk)
    _require_status(finding.publication, PublicationStatus.IN_REVIEW)
    _require_not_author(actor, finding.publication, "review")
    if finding.status != FindingStatus.OPEN:
        raise DomainError(_("This finding has already been dealt with."))
    finding.status = FindingStatus.CONFIRMED
    finding.note = reason
    finding.resolved_at = _now()
    finding.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
    finding.save()
    log_action(
        actor=actor,
        action="publication.personal_data_confirmed",
        target=finding.publication,
        data={
            "finding": finding.pk,
            "kind": finding.kind,
            "location": finding.location,
            "value": finding.masked,
            "reason": reason,
        },
    )
    return finding


def _purge_value(value: Any, fingerprint: str) -> tuple[Any, bool]:
    """``value`` (text, or JSON of lists and dicts) with every spelling of the number
    whose fingerprint is ``fingerprint`` masked; and whether anything changed."""
    if isinstance(value, str):
        changed = value
        for hit in reversed(scan.scan_text(value)):
            if hit.fingerprint == fingerprint:
                changed = changed[: hit.start] + hit.masked + changed[hit.end :]
        return changed, changed != value
    if isinstance(value, list):
        items = [_purge_value(item, fingerprint) for item in value]
        return [item for item, _changed in items], any(changed for _item, changed in items)
    if isinstance(value, dict):
        pairs = {key: _purge_value(item, fingerprint) for key, item in value.items()}
        return {key: item for key, (item, _changed) in pairs.items()}, any(c for _i, c in pairs.values())
    return value, False


def _purge_history(publication: Publication, fingerprint: str) -> dict[str, int]:
    """Mask the number in every kept revision and every audit entry of the publication:
    after a redaction it must not stay readable in the history (issue 11, failure 3)."""
    revisions = 0
    for revision in PublicationRevision.objects.filter(publication=publication).select_for_update():
        changed = False
        for name in ("title", "body"):
            purged, did = _purge_value(getattr(revision, name), fingerprint)
            if did:
                setattr(revision, name, purged)
                changed = True
        metadata, did = _purge_value(revision.metadata, fingerprint)
        if did or changed:
            revision.metadata = metadata
            revision.save(update_fields=["title", "body", "metadata"])
            revisions += 1
    entries = 0
    for entry in trail_for(publication).select_related(None).select_for_update():
        fields = {}
        for name in ("before", "after", "data"):
            purged, did = _purge_value(getattr(entry, name), fingerprint)
            if did:
                fields[name] = purged
        if fields:
            AuditEntry.objects.filter(pk=entry.pk).update(**fields)
            entries += 1
    return {"revisions": revisions, "audit_entries": entries}


@transaction.atomic
def finding_redact(*, actor: Any, finding: PersonalDataFinding) -> Publication:
    """Mask every occurrence of the found value in the title, summary, text or document
    number (a new revision), and in every earlier revision and audit entry of the
    publication. The trail records that a redaction happened, never the number.
    Attachments cannot be edited here: remove or replace them."""
    publication = Publication.objects.select_for_update().get(pk=finding.publication_id)
    _require_status(publication, PublicationStatus.IN_REVIEW, PublicationStatus.DRAFT)
    finding.refresh_from_db()
    if finding.status != FindingStatus.OPEN:
        raise DomainError(_("This finding has already been dealt with."))
    if finding.location.startswith("attachment:"):
        raise DomainError(
            _("An attachment cannot be redacted here: return the publication so it can be replaced.")
        )
    field = finding.location
    text = getattr(publication, field)
    changed, did = _purge_value(text, finding.fingerprint)
    if field == "body" and not did:
        # The scan reads the body's plain text; in the markup the number may be spelled
        # with entities. Mask each spelling the plain text shows.
        plain = plain_text_from_html(text)
        for hit in scan.scan_text(plain):
            if hit.fingerprint == finding.fingerprint:
                changed = changed.replace(hit.value, hit.masked)
        did = changed != text
    if not did:
        raise DomainError(_("The value could not be found as written; edit the text by hand."))
    setattr(publication, field, changed)
    publication.revision += 1
    publication.save()
    _keep_revision(publication, actor)
    purged = _purge_history(publication, finding.fingerprint)
    log_action(
        actor=actor,
        action="publication.personal_data_redacted",
        target=publication,
        data={
            "finding": finding.pk,
            "kind": finding.kind,
            "location": field,
            "value": finding.masked,
            "revision": publication.revision,
            "purged": purged,
        },
    )
    publication_scan(actor=actor, publication=publication)
    return publication


# --- The workflow --------------------------------------------------------------------------------

# Actions by which a person writes a publication: its authors. A redaction made during the
# review is not one (the reviewer masks a number, and may still pass the review).
AUTHORING_ACTIONS = (
    "publication.created",
    "publication.updated",
    "publication.attachment_added",
    "publication.attachment_removed",
)
OWN_ITEM_MESSAGES = {
    "review": gettext_lazy("You wrote or changed this publication: another reviewer must review it."),
    "approve": gettext_lazy("You wrote or changed this publication: someone else must approve it."),
    "publish": gettext_lazy("You wrote or changed this publication: someone else must publish it."),
}


def publication_author_ids(publication: Publication) -> set[int]:
    """The users who wrote or changed the publication (separation of duties: none of them
    may review, approve or publish it)."""
    ids = set(
        trail_for(publication)
        .filter(action__in=AUTHORING_ACTIONS, actor__isnull=False)
        .values_list("actor_id", flat=True)
    )
    if publication.created_by_id is not None:
        ids.add(publication.created_by_id)
    return ids


def _require_not_author(actor: Any, publication: Publication, step: str) -> None:
    """Separation of duties (issue 11, failure 2): an author may not review, approve or
    publish their own item, whatever roles they hold."""
    if getattr(actor, "is_authenticated", False) and actor.pk in publication_author_ids(publication):
        raise DomainError(str(OWN_ITEM_MESSAGES[step]), code="own_item")


def _transition(actor: Any, publication: Publication, status: str, action: str, **data: Any) -> Publication:
    before = _state(publication)
    publication.status = status
    publication.save()
    log_action(
        actor=actor,
        action=action,
        target=publication,
        before=before,
        after=_state(publication),
        data=data or None,
    )
    return publication


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("organization").get(pk=publication.pk)


@transaction.atomic
def publication_submit(*, actor: Any, publication: Publication) -> Publication:
    """Send a draft to confidentiality review (保密审查); the scan runs now."""
    publication = _locked(publication)
    _require_status(publication, PublicationStatus.DRAFT)
    if not plain_text_from_html(publication.body) and not publication.attachments.exists():
        raise DomainError(_("Write the text or attach the document before submitting."), field="body")
    _transition(actor, publication, PublicationStatus.IN_REVIEW, "publication.submitted")
    publication_scan(actor=actor, publication=publication)
    return publication


@transaction.atomic
def publication_pass_review(*, actor: Any, publication: Publication, note: str = "") -> Publication:
    """The confidentiality reviewer clears the publication (Art. 17)."""
    publication = _locked(publication)
    _require_status(publication, PublicationStatus.IN_REVIEW)
    _require_not_author(actor, publication, "review")
    _require_clean_scan(actor, publication)
    return _transition(
        actor,
        publication,
        PublicationStatus.AWAITING_APPROVAL,
        "publication.review_passed",
        reason=note or None,
    )


@transaction.atomic
def publication_return(*, actor: Any, publication: Publication, reason: str) -> Publication:
    """Send back to the editor, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the publication is returned."), field="reason")
    publication = _locked(publication)
    _require_status(
        publication,
        PublicationStatus.IN_REVIEW,
        PublicationStatus.AWAITING_APPROVAL,
        PublicationStatus.APPROVED,
    )
    publication.publish_at = None
    return _transition(actor, publication, PublicationStatus.DRAFT, "publication.returned", reason=reason)


@transaction.atomic
def publication_approve(
    *, actor: Any, publication: Publication, publish_at: dt.datetime | None = None
) -> Publication:
    """Approve for publication, now or at ``publish_at`` (scheduled)."""
    publication = _locked(publication)
    _require_status(publication, PublicationStatus.AWAITING_APPROVAL)
    _require_not_author(actor, publication, "approve")
    if publish_at is not None and timezone.is_naive(publish_at):
        raise DomainError(_("The publication time must carry its time zone."), field="publish_at")
    publication.publish_at = publish_at
    return _transition(actor, publication, PublicationStatus.APPROVED, "publication.approved")


def _index_pattern(organization: Organization) -> str:
    own = (
        PublicationSettings.objects.filter(organization=organization)
        .values_list("index_pattern", flat=True)
        .first()
    )
    default = getattr(settings, "GONGKAI", {}).get("INDEX_NUMBER_PATTERN", DEFAULT_INDEX_PATTERN)
    return own or default


def validate_index_pattern(pattern: str) -> None:
    try:
        fields = [name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError as error:
        raise DomainError(_("The pattern is not well formed."), field="index_pattern") from error
    unknown = sorted(set(fields) - set(INDEX_FIELDS))
    if unknown:
        raise DomainError(
            _("Unknown placeholders: %(names)s.") % {"names": ", ".join(unknown)}, field="index_pattern"
        )
    if "seq" not in fields:
        raise DomainError(_("The pattern must contain {seq}."), field="index_pattern")
    render_index_number(pattern, credit_code="X" * 18, day=dt.date(2000, 1, 1), category="A20_01", seq=1)


def render_index_number(pattern: str, *, credit_code: str, day: dt.date, category: str, seq: int) -> str:
    try:
        return pattern.format(
            credit_code=credit_code,
            yyyy=f"{day.year:04d}",
            mm=f"{day.month:02d}",
            category=category.replace("A20_", ""),
            seq=seq,
        )
    except (ValueError, KeyError, IndexError) as error:
        raise DomainError(_("The pattern is not well formed."), field="index_pattern") from error


def _assign_index_number(publication: Publication, day: dt.date) -> str:
    """The next free index number of the organization's pattern (unique, never reused)."""
    organization = publication.organization
    pattern = _index_pattern(organization)
    sequence, _created = IndexSequence.objects.select_for_update().get_or_create(
        organization=organization, year=day.year
    )
    for _attempt in range(1000):
        sequence.last += 1
        number = render_index_number(
            pattern,
            credit_code=organization.credit_code,
            day=day,
            category=publication.statutory_category,
            seq=sequence.last,
        )
        if not Publication.objects.filter(index_number=number).exists():
            sequence.save(update_fields=["last"])
            return number
    raise DomainError(_("No free index number: check the pattern of index numbers."))


@transaction.atomic
def publication_publish(
    *, actor: Any, publication: Publication, now: dt.datetime | None = None
) -> Publication:
    """Publish an approved publication: the scan runs once more, the index number is given
    (and never changes after), the publication date is today's date in Asia/Shanghai."""
    publication = _locked(publication)
    _require_status(publication, PublicationStatus.APPROVED)
    _require_not_author(actor, publication, "publish")
    _require_clean_scan(actor, publication)
    moment = now or _now()
    day = timezone.localdate(moment)
    if publication.interprets_id is not None and not publication.interprets.is_public:  # type: ignore[union-attr]
        raise DomainError(_("Publish the policy before its interpretation."), field="interprets")
    if not publication.index_number:
        publication.index_number = _assign_index_number(publication, day)
    publication.published_on = day
    publication.published_at = moment
    publication.publish_at = None
    try:
        with transaction.atomic():
            _transition(actor, publication, PublicationStatus.PUBLISHED, "publication.published")
    except IntegrityError as error:
        raise DomainError(_("This index number is already taken."), field="index_number") from error
    return publication


def publish_due(*, now: dt.datetime | None = None) -> tuple[list[Publication], list[tuple[Publication, str]]]:
    """Publish every approved publication whose time has come (the periodic command).
    Running it twice publishes nothing twice. Returns (published, refused with reason)."""
    moment = now or _now()
    published: list[Publication] = []
    refused: list[tuple[Publication, str]] = []
    due = Publication.objects.filter(status=PublicationStatus.APPROVED, publish_at__lte=moment).order_by(
        "publish_at", "pk"
    )
    for publication in due:
        try:
            published.append(publication_publish(actor="scheduler", publication=publication, now=moment))
        except DomainError as error:
            refused.append((publication, error.message))
    return published, refused


@transaction.atomic
def publication_withdraw(*, actor: Any, publication: Publication, reason: str) -> Publication:
    """Take a publication off the public site, saying why. It is never deleted."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the publication is withdrawn."), field="reason")
    publication = _locked(publication)
    _require_status(publication, PublicationStatus.PUBLISHED)
    if publication.interpretations.filter(status=PublicationStatus.PUBLISHED).exists():
        raise DomainError(_("Withdraw the interpretations of this policy first."))
    publication.withdrawn_at = _now()
    publication.withdrawal_reason = reason
    return _transition(
        actor, publication, PublicationStatus.WITHDRAWN, "publication.withdrawn", reason=reason
    )


@transaction.atomic
def publication_set_validity(
    *, actor: Any, publication: Publication, validity: str, changed_on: dt.date | None = None
) -> Publication:
    """Record that a rule or normative document expired or was repealed (or is valid
    again), on the day it happened — table 二 counts from these dates."""
    publication = _locked(publication)
    if publication.kind not in KINDS_WITH_VALIDITY:
        raise DomainError(_("Only rules and normative documents have a validity."), field="validity")
    if validity not in Validity.values:
        raise DomainError(_("Unknown validity."), field="validity")
    if validity != Validity.VALID and changed_on is None:
        raise DomainError(
            _("Give the date the document expired or was repealed."), field="validity_changed_on"
        )
    before = _state(publication)
    publication.validity = validity
    publication.validity_changed_on = None if validity == Validity.VALID else changed_on
    publication.save()
    log_action(
        actor=actor,
        action="publication.validity_changed",
        target=publication,
        before=before,
        after=_state(publication),
    )
    return publication


@transaction.atomic
def publication_settings_update(
    *, actor: Any, organization: Organization, index_pattern: str, stale_after_days: int
) -> PublicationSettings:
    if index_pattern:
        validate_index_pattern(index_pattern)
    if stale_after_days < 1:
        raise DomainError(_("Give a number of days of at least 1."), field="stale_after_days")
    own, _created = PublicationSettings.objects.select_for_update().get_or_create(organization=organization)
    before = snapshot(own, ["index_pattern", "stale_after_days"])
    own.index_pattern = index_pattern
    own.stale_after_days = stale_after_days
    own.save()
    log_action(
        actor=actor,
        action="publication_settings.updated",
        target=own,
        organization=organization,
        before=before,
        after=snapshot(own, ["index_pattern", "stale_after_days"]),
    )
    return own


# --- The catalog ---------------------------------------------------------------------------------

ENTRY_FIELDS = [
    "name",
    "content",
    "basis",
    "time_limit",
    "responsible_body",
    "channels",
    "audience",
    "mode",
    "tier",
    "position",
]


def _entry_data(entry: CatalogEntry) -> dict[str, Any]:
    data = snapshot(entry, [*ENTRY_FIELDS, "level", "pilot_area", "parent", "is_deleted"])
    data["channels"] = list(entry.channels)
    return data


def _version(actor: Any, entry: CatalogEntry, change: str) -> CatalogEntryVersion:
    return CatalogEntryVersion.objects.create(
        entry=entry,
        catalog=entry.catalog,
        number=entry.version,
        change=change,
        data=_entry_data(entry),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _standard_catalog() -> Catalog:
    catalog = Catalog.objects.filter(organization__isnull=True).first()
    return catalog or Catalog.objects.create(organization=None)


def catalog_for(organization: Organization | None) -> Catalog:
    """The organization's catalog (created empty when missing), or the standard one."""
    if organization is None:
        return _standard_catalog()
    catalog, _created = Catalog.objects.get_or_create(organization=organization)
    return catalog


def _check_entry(entry: CatalogEntry) -> None:
    if entry.parent_id is None:
        entry.level = 1
    else:
        parent = entry.parent
        assert parent is not None
        if parent.catalog_id != entry.catalog_id or parent.is_deleted:
            raise DomainError(_("Choose a parent item of the same catalog."), field="parent")
        if parent.level >= 3:
            raise DomainError(_("Items go at most three levels deep."), field="parent")
        entry.level = parent.level + 1
        entry.pilot_area_id = parent.pilot_area_id
    unknown = [code for code in entry.channels if code not in Channel.values]
    if unknown:
        raise DomainError(_("Unknown channel: %(codes)s.") % {"codes": ", ".join(unknown)}, field="channels")
    if not entry.name.strip():
        raise DomainError(_("Name the item."), field="name")


@transaction.atomic
def catalog_entry_create(*, actor: Any, catalog: Catalog, values: dict[str, Any]) -> CatalogEntry:
    entry = CatalogEntry(catalog=catalog, level=1)
    for name in [*ENTRY_FIELDS, "pilot_area", "parent"]:
        if name in values:
            setattr(entry, name, values[name])
    if entry.parent_id is None and entry.pilot_area_id is None:
        raise DomainError(_("Choose the pilot area."), field="pilot_area")
    _check_entry(entry)
    entry.save()
    _version(actor, entry, ChangeKind.ADDED)
    log_action(
        actor=actor,
        action="catalog_entry.added",
        target=entry,
        organization=catalog.organization,
        after=_entry_data(entry),
    )
    return entry


@transaction.atomic
def catalog_entry_update(*, actor: Any, entry: CatalogEntry, values: dict[str, Any]) -> CatalogEntry:
    entry = CatalogEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.is_deleted:
        raise DomainError(_("A deleted item cannot be changed."))
    before = _entry_data(entry)
    for name in ENTRY_FIELDS:
        if name in values:
            setattr(entry, name, values[name])
    _check_entry(entry)
    if _entry_data(entry) == before:
        return entry
    entry.version += 1
    entry.save()
    _version(actor, entry, ChangeKind.ADJUSTED)
    log_action(
        actor=actor,
        action="catalog_entry.adjusted",
        target=entry,
        organization=entry.catalog.organization,
        before=before,
        after=_entry_data(entry),
    )
    return entry


@transaction.atomic
def catalog_entry_delete(*, actor: Any, entry: CatalogEntry) -> CatalogEntry:
    """Mark an item and the items under it deleted (kept, so history still counts them)."""
    entry = CatalogEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.is_deleted:
        return entry
    for child in entry.children.filter(is_deleted=False):
        catalog_entry_delete(actor=actor, entry=child)
    before = _entry_data(entry)
    entry.is_deleted = True
    entry.version += 1
    entry.save()
    _version(actor, entry, ChangeKind.DELETED)
    log_action(
        actor=actor,
        action="catalog_entry.deleted",
        target=entry,
        organization=entry.catalog.organization,
        before=before,
        after=_entry_data(entry),
    )
    return entry


@transaction.atomic
def catalog_derive(
    *, actor: Any, organization: Organization, pilot_areas: Iterable[PilotArea]
) -> list[CatalogEntry]:
    """Copy the standard catalog's items of the chosen pilot areas into the organization's
    catalog (items already derived are skipped), keeping the hierarchy."""
    catalog = catalog_for(organization)
    standard = _standard_catalog()
    areas = list(pilot_areas)
    already = set(
        CatalogEntry.objects.filter(catalog=catalog, derived_from__isnull=False).values_list(
            "derived_from", flat=True
        )
    )
    copies: dict[int, CatalogEntry] = {
        entry.derived_from_id: entry
        for entry in CatalogEntry.objects.filter(catalog=catalog, derived_from__isnull=False)
        if entry.derived_from_id is not None
    }
    created: list[CatalogEntry] = []
    sources = CatalogEntry.objects.filter(catalog=standard, pilot_area__in=areas, is_deleted=False).order_by(
        "level", "position", "pk"
    )
    for source in sources:
        if source.pk in already:
            continue
        parent = copies.get(source.parent_id) if source.parent_id else None
        if source.parent_id and parent is None:
            continue
        entry = CatalogEntry(
            catalog=catalog,
            pilot_area_id=source.pilot_area_id,
            parent=parent,
            derived_from=source,
            level=source.level,
            **{name: getattr(source, name) for name in ENTRY_FIELDS},
        )
        entry.save()
        _version(actor, entry, ChangeKind.ADDED)
        copies[source.pk] = entry
        created.append(entry)
    log_action(
        actor=actor,
        action="catalog.derived",
        target=catalog,
        organization=organization,
        data={"areas": [area.number for area in areas], "entries": len(created)},
    )
    return created


# --- Yearly counts -------------------------------------------------------------------------------

STATISTIC_FIELDS = ("items", "decisions", "amount", "projects")


def _statistic_values(statistic: YearlyStatistic) -> dict[str, Any]:
    return {
        name: (str(v) if isinstance(v := getattr(statistic, name), Decimal) else v)
        for name in STATISTIC_FIELDS
    }


@transaction.atomic
def statistic_set(
    *,
    actor: Any,
    organization: Organization,
    year: int,
    item: str,
    values: dict[str, Any],
    source: str = StatisticSource.MANUAL,
    note: str = "",
) -> YearlyStatistic:
    """Enter (or correct) a year's count; every change is kept as a revision."""
    if item not in StatisticItem.values:
        raise DomainError(_("Unknown item."), field="item")
    if not 2000 <= year <= timezone.localdate().year:
        raise DomainError(_("Give a year between 2000 and this year."), field="year")
    statistic, created = YearlyStatistic.objects.select_for_update().get_or_create(
        organization=organization, year=year, item=item
    )
    before = None if created else _statistic_values(statistic)
    for name in STATISTIC_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if value in ("", None):
            value = None
        elif name == "amount":
            value = Decimal(str(value))
            if value < 0:
                raise DomainError(_("An amount cannot be negative."), field=name)
        else:
            value = int(value)
            if value < 0:
                raise DomainError(_("A count cannot be negative."), field=name)
        setattr(statistic, name, value)
    after = _statistic_values(statistic)
    if before == after:
        return statistic
    statistic.save()
    YearlyStatisticRevision.objects.create(
        statistic=statistic,
        values=after,
        source=source,
        note=note[:200],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor=actor,
        action="statistic.imported" if source == StatisticSource.IMPORT else "statistic.entered",
        target=statistic,
        organization=organization,
        before=before,
        after=after,
        data={"year": year, "item": item},
    )
    return statistic
