"""The statutory working-day calendar: per year, the holidays and the weekend make-up
workdays (调休) of the State Council's notice (放假安排通知)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayNotice(models.Model):
    """One year's calendar, as announced. A year without a notice has no calendar: any
    computation that needs it refuses (it never guesses)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("notice"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    published_on = models.DateField(_("issued on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} {self.title}".strip()


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (no work)")
    MAKEUP_WORKDAY = "makeup_workday", _("Make-up workday (weekend day worked)")


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday rule: a weekday off, or a weekend day worked."""

    notice = models.ForeignKey(HolidayNotice, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()
