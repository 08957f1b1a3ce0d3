"""Proactive disclosure (主动公开): publications and their workflow, the personal-data scan,
the standard catalog (标准目录) and the yearly counts that table 二 of the annual report
takes from the bodies' own systems.

Facts are stored, status is derived: the Art. 26 due date is computed from ``formed_on``
on the statutory calendar (``selectors.publication_deadline``), never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure.categories import STATUTORY_CATEGORIES


class PublicationKind(models.TextChoices):
    RULE = "rule", _("Government rule (规章)")
    NORMATIVE_DOCUMENT = "normative_document", _("Normative document (行政规范性文件)")
    OTHER_DOCUMENT = "other_document", _("Other document")
    INTERPRETATION = "interpretation", _("Policy interpretation (政策解读)")
    PLAN = "plan", _("Plan or programme")
    STATISTICS = "statistics", _("Statistical information")
    NEWS = "news", _("Work news")
    OTHER = "other", _("Other information")


# Kinds that have a validity (有效性) and are counted in table 二, block 第二十条第（一）项.
KINDS_WITH_VALIDITY = (PublicationKind.RULE, PublicationKind.NORMATIVE_DOCUMENT)


class Validity(models.TextChoices):
    VALID = "valid", _("Valid (有效)")
    EXPIRED = "expired", _("Expired (失效)")
    REPEALED = "repealed", _("Repealed (废止)")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In confidentiality review")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    APPROVED = "approved", _("Approved, not yet published")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PublicationSettings(models.Model):
    """Per-organization settings of proactive disclosure."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="publication_settings"
    )
    # Placeholders: {credit_code}, {yyyy}, {mm}, {category}, {seq} (with a format such as
    # {seq:05d}). Empty: the platform default (services.DEFAULT_INDEX_PATTERN).
    index_pattern = models.CharField(_("pattern of index numbers"), max_length=100, blank=True)
    # A catalog entry without a publication for this many days is flagged.
    stale_after_days = models.PositiveIntegerField(
        _("flag catalog entries without a publication after (days)"), default=365
    )

    class Meta:
        verbose_name = _("disclosure settings")
        verbose_name_plural = _("disclosure settings")

    def __str__(self) -> str:
        return str(self.organization)


class IndexSequence(models.Model):
    """The last sequence number of index numbers given out, per organization and year."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="index_sequence_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last}"


class Publication(models.Model):
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    index_number = models.CharField(_("index number"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    publisher = models.CharField(_("publisher"), max_length=100, blank=True)
    written_on = models.DateField(_("date written"), null=True, blank=True)
    formed_on = models.DateField(_("date formed or changed"))
    published_on = models.DateField(_("date published"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    statutory_category = models.CharField(_("statutory category"), max_length=6, choices=STATUTORY_CATEGORIES)
    subject_category = models.CharField(_("subject category"), max_length=50, blank=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=PublicationKind.choices, default=PublicationKind.OTHER_DOCUMENT
    )
    validity = models.CharField(_("validity"), max_length=10, choices=Validity.choices, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    validity_changed_on = models.DateField(_("expired or repealed on"), null=True, blank=True)
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("interprets"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    catalog_entry = models.ForeignKey(
        "disclosure.CatalogEntry",
        verbose_name=_("catalog entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    # Art. 26 allows other laws to set a different period (e.g. 7 working days for
    # licensing and penalty decisions in some local catalogues).
    deadline_workdays = models.PositiveSmallIntegerField(
        _("working days to publish (if not 20)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["index_number"], condition=~Q(index_number=""), name="publication_unique_index_number"
            ),
            models.CheckConstraint(
                condition=Q(validity="") | Q(kind__in=["rule", "normative_document"]),
                name="publication_validity_only_for_rules",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "withdrawn"])
                | (Q(published_on__isnull=False) & ~Q(index_number="")),
                name="publication_published_has_date_and_index",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                name="publication_withdrawal_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(interprets__isnull=True) | Q(kind="interpretation"),
                name="publication_only_interpretations_interpret",
            ),
            models.CheckConstraint(
                condition=Q(validity_changed_on__isnull=True) | Q(validity__in=["expired", "repealed"]),
                name="publication_change_date_only_when_not_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status", "-published_on"]),
            models.Index(fields=["status", "publish_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def has_validity(self) -> bool:
        return self.kind in KINDS_WITH_VALIDITY


class PublicationRevision(models.Model):
    """The content of a publication as it was at one revision: every saved change is kept."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    metadata = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="publication_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} (r{self.number})"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"publications/{instance.publication.organization_id}/{instance.publication_id}/{filename}"


class AttachmentType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"
    GIF = "gif", "GIF"


class Attachment(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    file_type = models.CharField(_("type"), max_length=10, choices=AttachmentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("extracted text"), blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class FindingKind(models.TextChoices):
    ID_CARD = "id_card", _("Resident identity card number")
    # The shape and birth date of an ID number with a wrong check character: a warning.
    ID_CARD_SUSPECT = "id_card_suspect", _("Possible identity card number (check digit does not match)")
    MOBILE = "mobile", _("Mobile phone number")
    BANK_CARD = "bank_card", _("Bank card number")
    PASSPORT = "passport", _("Passport number")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("To be reviewed")
    CONFIRMED = "confirmed", _("Confirmed for publication")
    REDACTED = "redacted", _("Redacted")


class PersonalDataFinding(models.Model):
    """One piece of personal data the scan found in a publication's title, text or an
    attachment. Publication waits until every finding is redacted or confirmed."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    # Where: "title", "body", "summary", or "attachment:<id>".
    location = models.CharField(_("where"), max_length=40)
    # The value masked for display, and a hash to recognise it in a later scan.
    masked = models.CharField(_("value"), max_length=40)
    fingerprint = models.CharField(max_length=64)
    context = models.CharField(_("context"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    note = models.TextField(_("reason"), blank=True)
    found_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("personal-data finding")
        verbose_name_plural = _("personal-data findings")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "location", "fingerprint"], name="finding_unique_value"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | ~Q(note=""), name="finding_confirmation_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.masked}"


# --- The standard catalog (基层政务公开标准目录) ----------------------------------------------------


class PilotArea(models.Model):
    """One of the 26 pilot areas of 国办发〔2019〕54号 (labels, editable: spec §5.1)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("pilot area")
        verbose_name_plural = _("pilot areas")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class Catalog(models.Model):
    """The standard catalog (no organization) or one organization's catalog, derived from it."""

    organization = models.OneToOneField(
        "accounts.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="catalog"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("catalog")
        verbose_name_plural = _("catalogs")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"], condition=Q(organization__isnull=True), name="catalog_one_standard"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization or _("Standard catalog"))

    @property
    def is_standard(self) -> bool:
        return self.organization_id is None


class Audience(models.TextChoices):
    PUBLIC = "public", _("Whole society (全社会)")
    SPECIFIC = "specific", _("Specific groups (特定群众)")


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive (主动)")
    ON_REQUEST = "on_request", _("On request (依申请)")


class Tier(models.TextChoices):
    COUNTY = "county", _("County level (县级)")
    TOWNSHIP = "township", _("Township level (乡级)")
    BOTH = "both", _("County and township (县级、乡级)")


class Channel(models.TextChoices):
    WEBSITE = "website", "政府网站"
    GAZETTE = "gazette", "政府公报"
    NEW_MEDIA = "new_media", "两微一端"
    PRESS = "press", "发布会/听证会"
    BROADCAST = "broadcast", "广播电视"
    PRINT = "print", "纸质媒体"
    READING_POINT = "reading_point", "公开查阅点"
    SERVICE_CENTRE = "service_centre", "政务服务中心"
    SERVICE_STATION = "service_station", "便民服务站"
    DOOR_TO_DOOR = "door_to_door", "入户/现场"
    NOTICE_BOARD = "notice_board", "社区/企事业单位/村公示栏（电子屏）"
    TARGETED = "targeted", "精准推送"
    OTHER = "other", "其他"


class CatalogEntry(models.Model):
    """A 公开事项 at level 1, 2 or 3 with its elements. Never deleted: a deleted entry is
    marked so, and every change leaves a ``CatalogEntryVersion``."""

    catalog = models.ForeignKey(Catalog, on_delete=models.CASCADE, related_name="entries")
    pilot_area = models.ForeignKey(
        PilotArea, verbose_name=_("pilot area"), on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    derived_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="derived_entries"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("item"), max_length=200)
    content = models.TextField(_("content (elements)"), blank=True)
    basis = models.TextField(_("basis"), blank=True)
    time_limit = models.CharField(_("time limit"), max_length=200, blank=True)
    responsible_body = models.CharField(_("responsible body"), max_length=200, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    mode = models.CharField(
        _("proactive or on request"),
        max_length=12,
        choices=DisclosureMode.choices,
        default=DisclosureMode.PROACTIVE,
    )
    tier = models.CharField(_("level of government"), max_length=10, choices=Tier.choices, default=Tier.BOTH)
    position = models.PositiveIntegerField(_("order"), default=0)
    is_deleted = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("catalog entry")
        verbose_name_plural = _("catalog entries")
        ordering = ["pilot_area__number", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=3), name="catalog_entry_level_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(level=1, parent__isnull=True) | (Q(level__gt=1) & Q(parent__isnull=False)),
                name="catalog_entry_parent_below_level_1",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels.get(code, code)) for code in self.channels]


class ChangeKind(models.TextChoices):
    ADDED = "added", _("Added")
    ADJUSTED = "adjusted", _("Adjusted")
    DELETED = "deleted", _("Deleted")


class CatalogEntryVersion(models.Model):
    """One change of a catalog entry: the counts of a year's added, adjusted and deleted
    entries come from these rows."""

    entry = models.ForeignKey(CatalogEntry, on_delete=models.CASCADE, related_name="versions")
    catalog = models.ForeignKey(Catalog, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    change = models.CharField(max_length=10, choices=ChangeKind.choices)
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="catalog_entry_version_unique")
        ]

    # --- Yearly counts for table 二 -----------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.entry_id} v{self.number} {self.change}"


class StatisticItem(models.TextChoices):
    LICENSE = "LICENSE", "行政许可"
    OTHER_SERVICE = "OTHER_SERVICE", "其他对外管理服务事项"
    PENALTY = "PENALTY", "行政处罚"
    COERCION = "COERCION", "行政强制"
    FEES = "FEES", "行政事业性收费"
    PROCUREMENT = "PROCUREMENT", "政府集中采购"


class YearlyStatistic(models.Model):
    """What a body's own systems count for a year: the number of items at the year's end
    (项目数量), the decisions made (处理决定数量), the amount in yuan (fees collected or
    procurement spent), the procurement projects."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="yearly_statistics"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    item = models.CharField(_("item"), max_length=20, choices=StatisticItem.choices)
    items = models.PositiveIntegerField(_("number of items at the end of the year"), null=True, blank=True)
    decisions = models.PositiveIntegerField(_("decisions"), null=True, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True)
    projects = models.PositiveIntegerField(_("projects"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("yearly count")
        verbose_name_plural = _("yearly counts")
        ordering = ["-year", "item"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "item"], name="yearly_statistic_unique"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="yearly_statistic_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year} {self.get_item_display()}"


class StatisticSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported")


class YearlyStatisticRevision(models.Model):
    statistic = models.ForeignKey(YearlyStatistic, on_delete=models.CASCADE, related_name="revisions")
    values = models.JSONField(encoder=DjangoJSONEncoder)
    source = models.CharField(max_length=10, choices=StatisticSource.choices)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.statistic_id} {self.created_at:%Y-%m-%d} {self.source}"
