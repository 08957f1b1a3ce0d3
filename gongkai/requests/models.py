"""依申请公开: applications (InfoRequest), the facts of their handling (RequestEvent),
replies and letters; administrative reviews and lawsuits (Case).

Facts are stored; status and due dates are derived by ``gongkai.requests.clock`` from the
events and the working-day calendar. The derived fields on InfoRequest (``status``,
``reply_due_on``, ``next_due_on``, …) are a projection written by the services after every
event and after every change of the calendar, so that the queue can sort and filter in the
database. They are never edited directly.

Personal data of the applicant lives in ``Applicant`` only, read through the privacy
helpers of ``gongkai.requests.privacy``.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.requests.codes import (
    CLOSING_EVENTS,
    ApplicantType,
    CaseKind,
    CaseResult,
    Channel,
    ConsultationKind,
    DeliveryMethod,
    DeliveryWanted,
    Disposition,
    EventKind,
    FeeBasis,
    FormWanted,
    IdType,
    LetterKind,
    Status,
)


class Applicant(models.Model):
    """申请人: who asked, and how to reach them. Personal data: only the handling body's
    request handlers see it unmasked (``request.view_personal_data``)."""

    name = models.CharField(_("name"), max_length=100)
    id_type = models.CharField(_("identity document"), max_length=20, choices=IdType.choices)
    id_number = models.CharField(_("identity document number"), max_length=40)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email="") | ~Q(address=""), name="applicant_has_contact"
            ),
        ]

    def __str__(self) -> str:
        return f"Applicant #{self.pk}"


class InfoRequest(models.Model):
    """政府信息公开申请: one application to one body."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="info_requests",
    )
    reference = models.CharField(_("reference"), max_length=20)
    # The applicant's secret for following the application on the public site.
    tracking_code = models.CharField(_("tracking code"), max_length=24, unique=True)
    # Resubmitting the same form (double click, reload) must not create a second application.
    idempotency_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    applicant_type = models.CharField(_("applicant type"), max_length=20, choices=ApplicantType.choices)
    applicant = models.OneToOneField(Applicant, on_delete=models.PROTECT, related_name="info_request")
    description = models.TextField(
        _("information requested"),
        help_text=_("Name, document number or other description of the information."),
    )
    form_wanted = models.CharField(_("form wanted"), max_length=20, choices=FormWanted.choices)
    delivery_wanted = models.CharField(_("delivery wanted"), max_length=20, choices=DeliveryWanted.choices)
    submitted_at = models.DateTimeField(_("application submitted at"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_info_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # --- projection of the clock (see the module docstring) ---
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=Status.choices,
        default=Status.AWAITING_CONFIRMATION,
        db_index=True,
    )
    received_on = models.DateField(_("received on"), null=True, blank=True, db_index=True)
    reply_due_on = models.DateField(_("reply due on"), null=True, blank=True)
    next_due_on = models.DateField(_("next due date"), null=True, blank=True, db_index=True)
    next_due_kind = models.CharField(max_length=24, blank=True)
    due_provisional_years = models.JSONField(default=list, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)
    disposition = models.CharField(_("result"), max_length=24, choices=Disposition.choices, blank=True)
    recomputed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"], name="info_request_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(received_on__isnull=True)
                | Q(closed_on__gte=models.F("received_on")),
                name="info_request_closed_after_received",
            ),
            models.CheckConstraint(
                condition=(Q(status=Status.CLOSED) & Q(closed_on__isnull=False) & ~Q(disposition=""))
                | (~Q(status=Status.CLOSED) & Q(closed_on__isnull=True) & Q(disposition="")),
                name="info_request_closed_has_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.name} {self.reference}"

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def due_is_provisional(self) -> bool:
        return bool(self.due_provisional_years)


class ReferenceSequence(models.Model):
    """The last reference number used by an organization in a year."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="reference_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last}"


class RequestEvent(models.Model):
    """A fact of the handling, with its legal date ``on`` (Asia/Shanghai) apart from the
    moment it was recorded. Never changed once recorded: a mistake is corrected by the
    events that follow, and the audit trail shows who recorded what."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=24, choices=EventKind.choices)
    on = models.DateField(_("date"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("working days"), null=True, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True)
    fee_basis = models.CharField(_("fee basis"), max_length=12, choices=FeeBasis.choices, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    consultation_kind = models.CharField(
        _("consulted party"), max_length=20, choices=ConsultationKind.choices, blank=True
    )
    party = models.CharField(_("party"), max_length=200, blank=True)
    # The day the other side received our letter (third party, other agency, applicant).
    counterpart_received_on = models.DateField(_("received by the other side on"), null=True, blank=True)
    accepted = models.BooleanField(_("accepted"), null=True, blank=True)
    related = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="followers"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["on", "id"]
        constraints = [
            # Art. 31: one receipt; Art. 30: one correction notice ("一次性"); Art. 33: one
            # extension; Art. 35: one delayed reply; and a request closes once.
            models.UniqueConstraint(
                fields=["request"], condition=Q(kind=EventKind.RECEIVED), name="event_one_receipt"
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(kind=EventKind.CORRECTION_REQUESTED),
                name="event_one_correction_notice",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(kind=EventKind.CORRECTION_RECEIVED),
                name="event_one_correction_received",
            ),
            models.UniqueConstraint(
                fields=["request"], condition=Q(kind=EventKind.EXTENSION), name="event_one_extension"
            ),
            models.UniqueConstraint(
                fields=["request"], condition=Q(kind=EventKind.DELAYED_REPLY), name="event_one_delayed_reply"
            ),
            models.UniqueConstraint(
                fields=["request"], condition=Q(kind__in=sorted(CLOSING_EVENTS)), name="event_one_closing"
            ),
            models.UniqueConstraint(
                fields=["related"],
                condition=Q(kind=EventKind.CONSULTATION_ENDED),
                name="event_consultation_ends_once",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EventKind.EXTENSION)
                | (Q(days__gte=1) & Q(days__lte=20) & Q(approved_by__isnull=False)),
                name="event_extension_days_approved",
            ),
            models.CheckConstraint(
                condition=~Q(
                    kind__in=[
                        EventKind.CORRECTION_REQUESTED,
                        EventKind.DELAYED_REPLY,
                        EventKind.REASONS_REQUESTED,
                    ]
                )
                | (Q(due_on__isnull=False) & Q(due_on__gt=models.F("on"))),
                name="event_due_after_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EventKind.CONSULTATION_STARTED) | ~Q(consultation_kind=""),
                name="event_consultation_kind",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EventKind.CONSULTATION_ENDED) | Q(related__isnull=False),
                name="event_consultation_end_related",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EventKind.FEE_NOTICE) | (Q(amount__gte=0) & ~Q(fee_basis="")),
                name="event_fee_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.reference} {self.kind} {self.on}"


class Reply(models.Model):
    """答复: the decision that closes an application, with its legal basis."""

    request = models.OneToOneField(InfoRequest, on_delete=models.CASCADE, related_name="reply")
    disposition = models.CharField(_("result"), max_length=24, choices=Disposition.choices)
    grounds = models.JSONField(_("grounds for withholding"), default=list, blank=True)
    replied_on = models.DateField(_("replied on"))
    on_the_spot = models.BooleanField(_("replied on the spot"), default=False)
    explanation = models.TextField(_("explanation"), blank=True)
    other_agency = models.CharField(_("responsible body and its contact"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.request.reference} {self.disposition}"


class LetterTemplate(models.Model):
    """An organization's own wording of a letter (告知书). ``disposition`` narrows a reply
    template to one result; blank means every result. Without one, the built-in wording
    of ``gongkai.requests.letters.defaults`` is used."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="letter_templates"
    )
    kind = models.CharField(_("letter"), max_length=20, choices=LetterKind.choices)
    disposition = models.CharField(_("result"), max_length=24, choices=Disposition.choices, blank=True)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "disposition"], name="letter_template_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.kind} {self.disposition}".strip()


class LetterSequence(models.Model):
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="letter_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last}"


def letter_upload_to(instance: Letter, filename: str) -> str:
    return f"letters/{instance.request.organization_id}/{instance.issued_on:%Y}/{filename}"


class Letter(models.Model):
    """A letter as issued: its text, DOCX and PDF are frozen at issue. A correction is a new
    letter that ``supersedes`` this one; nothing here is ever changed."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("letter"), max_length=20, choices=LetterKind.choices)
    reply = models.ForeignKey(Reply, null=True, blank=True, on_delete=models.PROTECT, related_name="letters")
    event = models.ForeignKey(
        RequestEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    number = models.CharField(_("letter number"), max_length=60)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))
    addressee = models.CharField(_("addressee"), max_length=200)
    signatory = models.CharField(_("issued in the name of"), max_length=100)
    issued_on = models.DateField(_("date of the letter"))
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template_source = models.CharField(_("template"), max_length=60)
    docx = models.FileField(upload_to=letter_upload_to)
    pdf = models.FileField(upload_to=letter_upload_to)
    docx_sha256 = models.CharField(max_length=64)
    pdf_sha256 = models.CharField(max_length=64)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["issued_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(correction_reason=""),
                name="letter_correction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class LetterDelivery(models.Model):
    """How and when a letter reached its addressee (送达)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="deliveries")
    method = models.CharField(_("method"), max_length=20, choices=DeliveryMethod.choices)
    delivered_on = models.DateField(_("delivered on"))
    reference = models.CharField(_("tracking number or reference"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["delivered_on", "id"]

    def __str__(self) -> str:
        return f"{self.letter.number} {self.method} {self.delivered_on}"


class Case(models.Model):
    """An administrative review (行政复议) or lawsuit (行政诉讼) about disclosure.

    ``organization`` is the original body (原行为主体): a lawsuit in which the review
    body is a co-defendant is recorded once, for the original body, and counted only
    there (国办公开办函〔2016〕201号); ``review_body_co_defendant`` notes the fact."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=CaseKind.choices)
    after_review = models.BooleanField(_("filed after an administrative review"), default=False)
    info_request = models.ForeignKey(
        InfoRequest,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    review = models.ForeignKey(
        "self",
        verbose_name=_("the review before this lawsuit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lawsuits",
    )
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    deciding_body = models.CharField(_("review body or court"), max_length=200)
    claimant = models.CharField(_("applicant or plaintiff"), max_length=100, blank=True)
    subject = models.TextField(_("what is challenged"), blank=True)
    filed_on = models.DateField(_("filed on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=12, choices=CaseResult.choices, default=CaseResult.PENDING
    )
    review_body_co_defendant = models.BooleanField(_("the review body is a co-defendant"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review or lawsuit")
        verbose_name_plural = _("reviews and lawsuits")
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result=CaseResult.PENDING) & Q(decided_on__isnull=True))
                | (
                    ~Q(result=CaseResult.PENDING)
                    & Q(decided_on__isnull=False)
                    & Q(decided_on__gte=models.F("filed_on"))
                ),
                name="case_decided_has_result",
            ),
            models.CheckConstraint(
                condition=Q(kind=CaseKind.LAWSUIT)
                | (Q(after_review=False) & Q(review_body_co_defendant=False) & Q(review__isnull=True)),
                name="case_review_fields_for_lawsuits",
            ),
            models.UniqueConstraint(
                fields=["kind", "case_number"], condition=~Q(case_number=""), name="case_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.case_number or f"{self.get_kind_display()} #{self.pk}"

    @property
    def t4_group(self) -> str:
        if self.kind == CaseKind.ADMINISTRATIVE_REVIEW:
            return "RV"
        return "LR" if self.after_review else "LD"


class AdministrativeReviewManager(models.Manager["AdministrativeReview"]):
    def get_queryset(self) -> models.QuerySet[AdministrativeReview]:
        return super().get_queryset().filter(kind=CaseKind.ADMINISTRATIVE_REVIEW)


class LawsuitManager(models.Manager["Lawsuit"]):
    def get_queryset(self) -> models.QuerySet[Lawsuit]:
        return super().get_queryset().filter(kind=CaseKind.LAWSUIT)


class AdministrativeReview(Case):
    """行政复议 (a Case of kind ``administrative_review``)."""

    objects: ClassVar[AdministrativeReviewManager] = AdministrativeReviewManager()  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("administrative review")
        verbose_name_plural = _("administrative reviews")


class Lawsuit(Case):
    """行政诉讼 (a Case of kind ``lawsuit``; ``after_review`` for 复议后起诉)."""

    objects: ClassVar[LawsuitManager] = LawsuitManager()  # type: ignore[assignment]

    class Meta:
        proxy = True
        verbose_name = _("lawsuit")
        verbose_name_plural = _("lawsuits")


def case_document_upload_to(instance: CaseDocument, filename: str) -> str:
    return f"cases/{instance.case.organization_id}/{instance.case_id}/{filename}"


class CaseDocument(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=case_document_upload_to)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class DigestRun(models.Model):
    """One daily digest to one office head for one organization: running the command
    twice on a day finds the row and sends nothing."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "recipient", "on"], name="digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.recipient_id} {self.on}"
