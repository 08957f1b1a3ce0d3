"""The disclosure column of an organization: its guide (指南, Art. 12) and its own
disclosure rules (政府信息公开制度)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Guide(models.Model):
    """政府信息公开指南: the fields Art. 12 requires, kept current (Art. 53 penalises a stale one)."""

    organization = models.OneToOneField(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="guide",
    )
    classification = models.TextField(_("classification of information"), blank=True)
    arrangement = models.TextField(_("arrangement of the catalog"), blank=True)
    access_methods = models.TextField(_("how to obtain information"), blank=True)
    office_name = models.CharField(_("name of the disclosure office"), max_length=100, blank=True)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("internet contact"), blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("disclosure guide")
        verbose_name_plural = _("disclosure guides")

    def __str__(self) -> str:
        return f"{self.organization} 政府信息公开指南"


class RulesDocument(models.Model):
    """One of the body's own rules on disclosure work (政府信息公开制度)."""

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="rules_documents",
    )
    title = models.CharField(_("title"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    body = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("disclosure rules document")
        verbose_name_plural = _("disclosure rules documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.title
