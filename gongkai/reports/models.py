"""Annual reports stored in the database: one per organization and year."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")


class ReportSource(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded from a published file")
    ENTERED = "entered", _("Entered by hand")
    COMPUTED = "computed", _("Computed from records")
    ROLLED_UP = "rolled_up", _("Rolled up from units' reports")


class AnnualReportRecord(models.Model):
    """An organization's annual report for a year.

    ``content`` holds the report core's JSON contract (without findings) as exact text:
    amounts such as 132767.89 must survive unchanged, which a JSON column's float or
    string conversion would not guarantee. Findings are derived on demand, never stored.
    """

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    format = models.CharField(_("format"), max_length=10)
    content = models.TextField(_("content (JSON)"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    source = models.CharField(_("source"), max_length=12, choices=ReportSource.choices)
    source_filename = models.CharField(_("uploaded file"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["organization__path", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="annual_report_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2008, year__lte=2100), name="annual_report_year_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="annual_report_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.year}年政府信息公开工作年度报告"
