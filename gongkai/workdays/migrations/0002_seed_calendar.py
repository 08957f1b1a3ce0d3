"""Seed the statutory calendar for 2004–2026 from chinesecalendar, so that a new
installation computes deadlines at once. Later years are entered by an operator when the
State Council's notice is issued."""

from __future__ import annotations

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.workdays.seed import SOURCE, covered_years, days_of_year

    HolidayNotice = apps.get_model("workdays", "HolidayNotice")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    for year in covered_years():
        if HolidayNotice.objects.filter(year=year).exists():
            continue
        notice = HolidayNotice.objects.create(
            year=year, title=f"国务院办公厅关于{year}年部分节假日安排的通知", source=SOURCE
        )
        CalendarDay.objects.bulk_create(
            CalendarDay(notice=notice, date=date, kind=kind, name=name) for date, kind, name in days_of_year(year)
        )


def unseed(apps, schema_editor):
    apps.get_model("workdays", "HolidayNotice").objects.filter(source="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
