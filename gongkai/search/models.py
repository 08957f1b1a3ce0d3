"""The search app's own copy of what it indexes: one row per searchable document.

The full-text index itself is a database-specific table kept by the backend (an FTS5 table
on SQLite, a tsvector table with a GIN index on PostgreSQL), keyed by ``key``. ``key``
orders documents newest first: the publication day times 10^9 plus the source's id.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    key = models.BigIntegerField(unique=True)
    source = models.CharField(_("source"), max_length=30)
    object_id = models.BigIntegerField()
    organization = models.ForeignKey(
        "accounts.Organization", verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    published_on = models.DateField(_("published on"))
    category = models.CharField(_("category"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=30, blank=True)
    validity = models.CharField(_("validity"), max_length=20, blank=True)
    title = models.TextField(_("title"))
    numbers = models.TextField(_("numbers and keywords"), blank=True)
    body = models.TextField(_("body"), blank=True)
    attachments = models.TextField(_("attachments"), blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_document_unique_source")
        ]

    def __str__(self) -> str:
        return self.title
