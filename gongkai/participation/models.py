"""Public participation: major decisions and their consultations, the public's opinions and
the published feedback on them, surveys, major construction projects, deputies'
suggestions and members' proposals, government new-media accounts, messages from the
public, and emergency information (docs/participation.md).

Facts are stored, status is derived: a consultation is open because today lies between its
dates, a message is overdue because its due date (computed from the stored receipt day and
time limit on the workday calendar) has passed unanswered, an account is stale because its
last update is older than the body's limit. Contact data of the public (names, telephones,
e-mail addresses) lives only in the fields named ``name``, ``phone`` and ``email`` of
``Opinion`` and ``Message``; no public page, search document or audit entry carries them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# --- Settings ------------------------------------------------------------------------------------


class ParticipationSettings(models.Model):
    """Per-organization limits; without a row the platform defaults (``conf``) apply."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="participation_settings"
    )
    message_reply_workdays = models.PositiveSmallIntegerField(
        _("working days to answer a message"), default=5
    )
    media_stale_days = models.PositiveSmallIntegerField(
        _("flag a media account not updated for (days)"), default=14
    )

    class Meta:
        verbose_name = _("participation settings")
        verbose_name_plural = _("participation settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(message_reply_workdays__gte=1, message_reply_workdays__lte=60),
                name="participation_reply_workdays_range",
            ),
            models.CheckConstraint(
                condition=Q(media_stale_days__gte=1, media_stale_days__lte=366),
                name="participation_stale_days_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization)


# --- Major decisions (重大行政决策) ---------------------------------------------------------------


class DecisionCatalog(models.Model):
    """A body's yearly catalog of major decisions (决策事项目录), public once published."""

    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("catalog of major decisions")
        verbose_name_plural = _("catalogs of major decisions")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="decision_catalog_one_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="decision_catalog_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年度重大行政决策事项目录"

    @property
    def is_public(self) -> bool:
        return self.published_at is not None


class MajorDecision(models.Model):
    catalog = models.ForeignKey(
        DecisionCatalog, verbose_name=_("catalog"), on_delete=models.PROTECT, related_name="decisions"
    )
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("number in the catalog"), default=1)
    title = models.CharField(_("decision"), max_length=200)
    summary = models.TextField(_("content"), blank=True)
    undertaking_unit = models.CharField(_("undertaking unit"), max_length=100, blank=True)
    legal_basis = models.TextField(_("basis of the decision"), blank=True)
    planned_time = models.CharField(_("planned completion"), max_length=50, blank=True)
    hearing_planned = models.BooleanField(_("a hearing is planned"), default=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name=_("decision document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("major decision")
        verbose_name_plural = _("major decisions")
        ordering = ["catalog__year", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Consultation(models.Model):
    """A draft put to the public for opinions (意见征集), with its period and, once the
    period is over, the feedback on the opinions (意见采纳情况)."""

    decision = models.ForeignKey(
        MajorDecision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="consultations"
    )
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    draft = models.TextField(_("draft and its explanation"))
    opens_on = models.DateField(_("opinions from"))
    closes_on = models.DateField(_("opinions until"))
    short_period_reason = models.TextField(_("reason for a period shorter than 30 days"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    feedback_summary = models.TextField(_("summary of the feedback"), blank=True)
    feedback_published_at = models.DateTimeField(_("feedback published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="consultation_dates"
            ),
            models.CheckConstraint(
                condition=Q(feedback_published_at__isnull=True) | Q(published_at__isnull=False),
                name="consultation_feedback_after_publication",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Moderation(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Set aside")


class Adoption(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class FeedbackItem(models.Model):
    """The answer to one opinion or a group of like opinions: what they said (in words
    the body writes, free of personal data), whether it was adopted, and why not."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="feedback_items"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    summary = models.TextField(_("opinions in brief"))
    adoption = models.CharField(_("adoption"), max_length=20, choices=Adoption.choices)
    reason = models.TextField(_("reply and reason"), blank=True)

    class Meta:
        verbose_name = _("feedback on opinions")
        verbose_name_plural = _("feedback on opinions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.summary[:60]


class Opinion(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.PROTECT, related_name="opinions"
    )
    body = models.TextField(_("opinion"))
    # Personal data: shown only to the body's own participation staff.
    name = models.CharField(_("writer's name"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    submitted_at = models.DateTimeField(_("time submitted"), auto_now_add=True)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_reason = models.CharField(_("reason"), max_length=200, blank=True)
    feedback = models.ForeignKey(
        FeedbackItem,
        verbose_name=_("feedback"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinions",
    )

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"


# --- Surveys (问卷调查) ---------------------------------------------------------------------------


class Survey(models.Model):
    """A questionnaire attached to a consultation, open for the consultation's period."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("One answer")
    MULTIPLE = "multiple", _("Several answers")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("answers"), max_length=10, choices=QuestionKind.choices)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("answer"), max_length=200)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    """One anonymous filled-in questionnaire."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    submitted_at = models.DateTimeField(auto_now_add=True)
    choices = models.ManyToManyField(Choice, related_name="responses")

    def __str__(self) -> str:
        return f"#{self.pk}"


# --- Major construction projects (重大建设项目) ----------------------------------------------------


class ProjectStage(models.TextChoices):
    """The lifecycle of a project as its disclosure follows it (国办发〔2017〕94号 lists
    批准服务、批准结果、招标投标、征收土地、重大设计变更、施工有关、质量安全监督、竣工)."""

    APPROVAL = "approval", _("Approval")
    LAND = "land", _("Land")
    BIDDING = "bidding", _("Bidding")
    PERMITS = "permits", _("Permits and design changes")
    SUPERVISION = "supervision", _("Quality and safety supervision")
    COMPLETION = "completion", _("Completion")


class MajorProject(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("project"), max_length=200)
    code = models.CharField(_("project code"), max_length=40, blank=True)
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    investment = models.DecimalField(
        _("total investment (10,000 yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    summary = models.TextField(_("scale and content"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("major construction project")
        verbose_name_plural = _("major construction projects")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.name


class StageRecord(models.Model):
    """One disclosed step of a project's life, with the publication that discloses it."""

    project = models.ForeignKey(
        MajorProject, verbose_name=_("project"), on_delete=models.CASCADE, related_name="records"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ProjectStage.choices)
    title = models.CharField(_("title"), max_length=200)
    happened_on = models.DateField(_("date"))
    summary = models.TextField(_("content"), blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name=_("publication"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("stage record")
        verbose_name_plural = _("stage records")
        ordering = ["happened_on", "pk"]

    def __str__(self) -> str:
        return self.title


# --- Deputies' suggestions and members' proposals (建议提案) --------------------------------------


class ProposalKind(models.TextChoices):
    DEPUTY_SUGGESTION = "deputy_suggestion", _("Suggestion of a people's congress deputy")
    MEMBER_PROPOSAL = "member_proposal", _("Proposal of a CPPCC member")


class HandlingRole(models.TextChoices):
    LEAD = "lead", _("Lead handler")
    ASSISTING = "assisting", _("Assisting handler")


class ProposalResult(models.TextChoices):
    """The usual classification of replies (A/B/C)."""

    SOLVED = "solved", _("Solved or adopted (A)")
    PLANNED = "planned", _("Planned, to be solved step by step (B)")
    FOR_REFERENCE = "for_reference", _("Kept for reference (C)")


class DeputyProposal(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("handling body"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    session = models.CharField(_("session"), max_length=100, blank=True)
    number = models.CharField(_("proposal number"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    proposers = models.CharField(_("deputies or members"), max_length=200, blank=True)
    handling_role = models.CharField(
        _("handled as"), max_length=10, choices=HandlingRole.choices, default=HandlingRole.LEAD
    )
    received_on = models.DateField(_("date received"))
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=ProposalResult.choices, blank=True)
    published_at = models.DateTimeField(_("reply published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion or proposal")
        verbose_name_plural = _("suggestions and proposals")
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "year", "number"], name="proposal_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(replied_on__isnull=False),
                name="proposal_published_after_reply",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


# --- Government new-media accounts (政务新媒体) ----------------------------------------------------


class MediaPlatform(models.TextChoices):
    WECHAT = "wechat", _("WeChat official account")
    WEIBO = "weibo", _("Weibo")
    DOUYIN = "douyin", _("Douyin")
    TOUTIAO = "toutiao", _("Toutiao")
    KUAISHOU = "kuaishou", _("Kuaishou")
    CHANNELS = "channels", _("WeChat Channels")
    APP = "app", _("Mobile app")
    OTHER = "other", _("Other")


class MediaStatus(models.TextChoices):
    ACTIVE = "active", _("Operating")
    CLOSED = "closed", _("Closed down")
    MERGED = "merged", _("Merged")


class MediaAccount(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("operating body"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    platform = models.CharField(_("platform"), max_length=20, choices=MediaPlatform.choices)
    name = models.CharField(_("account name"), max_length=100)
    account_id = models.CharField(_("account ID"), max_length=100, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    last_updated_on = models.DateField(_("last update"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MediaStatus.choices, default=MediaStatus.ACTIVE
    )
    closed_on = models.DateField(_("closed or merged on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closure_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("new-media account")
        verbose_name_plural = _("new-media accounts")
        ordering = ["status", "platform", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active", closed_on__isnull=True)
                | (~Q(status="active") & Q(closed_on__isnull=False)),
                name="media_account_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(status="merged"), name="media_account_merged_target"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}：{self.name}"


# --- Messages from the public (网民留言) ----------------------------------------------------------


class MessageKind(models.TextChoices):
    QUESTION = "question", _("Enquiry")
    SUGGESTION = "suggestion", _("Suggestion")


class Message(models.Model):
    """A question or suggestion written to a body on the site. ``organization`` is the body
    that handles it now (transfers move it); ``received_on`` and ``reply_workdays`` are
    fixed at receipt, so a transfer never restarts the writer's wait."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("handling body"), on_delete=models.PROTECT, related_name="+"
    )
    addressed_to = models.ForeignKey(
        "accounts.Organization", verbose_name=_("written to"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MessageKind.choices)
    subject = models.CharField(_("subject"), max_length=100)
    body = models.TextField(_("message"))
    # Personal data: shown only to the handling body's message handlers.
    name = models.CharField(_("writer's name"), max_length=100)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"))
    may_publish = models.BooleanField(_("the writer agrees to publication"), default=False)
    submitted_at = models.DateTimeField(_("time submitted"))
    received_on = models.DateField(_("date received"))
    reply_workdays = models.PositiveSmallIntegerField(_("working days to answer"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_mailed_at = models.DateTimeField(_("answer e-mailed at"), null=True, blank=True)
    public_question = models.TextField(_("question as published"), blank=True)
    public_answer = models.TextField(_("answer as published"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | (Q(answered_at__isnull=False) & Q(may_publish=True)),
                name="message_published_answered_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"


class MessageTransfer(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="transfers")
    from_organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=200)
    transferred_at = models.DateTimeField(_("transferred at"), auto_now_add=True)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["transferred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.message_id}: {self.from_organization_id} → {self.to_organization_id}"


class MessageSequence(models.Model):
    """The last message number given out per year (references LY2026-00001)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class AlertRun(models.Model):
    """One overdue alert sent to one person for one day (so running the command twice
    sends nothing the second time)."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "recipient", "on"], name="participation_alert_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.recipient_id}"


# --- Flood protection ----------------------------------------------------------------------------


class SubmissionAttempt(models.Model):
    """One post of a public form, keyed by a keyed hash of the client address (never the
    address itself), so that the rate limit holds across processes and restarts without
    a shared cache. Rows older than a day are removed by ``participation_alerts``."""

    form = models.CharField(max_length=20)
    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.form} {self.at:%Y-%m-%d %H:%M}"


# --- Emergency information (突发公共事件) ----------------------------------------------------------


class EmergencyKind(models.TextChoices):
    """The four kinds of 《突发事件应对法》 Art. 2."""

    NATURAL_DISASTER = "natural_disaster", _("Natural disaster")
    ACCIDENT = "accident", _("Accident or disaster")
    PUBLIC_HEALTH = "public_health", _("Public health event")
    SOCIAL_SECURITY = "social_security", _("Social security event")


class EmergencyEvent(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("event"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EmergencyKind.choices)
    banner = models.CharField(_("banner text"), max_length=200)
    started_on = models.DateField(_("began on"))
    ended_at = models.DateTimeField(_("response ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("emergency")
        verbose_name_plural = _("emergencies")
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class NoticeKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    RESPONSE = "response", _("Response")
    PLAN = "plan", _("Emergency plan")
    RECOVERY = "recovery", _("Recovery")


class EmergencyNotice(models.Model):
    """An urgent notice on an event's timeline. The fast path: written by one person,
    checked and released in one step by another (no separate approval)."""

    event = models.ForeignKey(
        EmergencyEvent, verbose_name=_("event"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.CharField(_("review note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("emergency notice")
        verbose_name_plural = _("emergency notices")
        ordering = ["released_at", "pk"]

    def __str__(self) -> str:
        return self.title
