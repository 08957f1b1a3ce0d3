from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.core.errors import DomainError
from gongkai.disclosure import services
from gongkai.disclosure.models import CatalogEntryVersion, PilotArea
from gongkai.disclosure.selectors import catalog_activity, catalog_change_counts, catalog_entries
from gongkai.disclosure.tests.helpers import published

pytestmark = pytest.mark.django_db


def test_the_26_pilot_areas_are_there():
    areas = list(PilotArea.objects.values_list("number", "name"))
    assert len(areas) == 26
    assert areas[0] == (1, "重大建设项目") and areas[-1] == (26, "卫生健康")


def standard_tree():
    standard = services.catalog_for(None)
    budget = PilotArea.objects.get(number=3)
    first = services.catalog_entry_create(
        actor=None,
        catalog=standard,
        values={
            "pilot_area": budget,
            "name": "财政预决算",
            "basis": "《中华人民共和国预算法》",
            "time_limit": "批准后20日内",
            "channels": ["website", "gazette"],
        },
    )
    second = services.catalog_entry_create(
        actor=None,
        catalog=standard,
        values={"parent": first, "name": "部门预算", "content": "收支总表、财政拨款收支表"},
    )
    third = services.catalog_entry_create(
        actor=None, catalog=standard, values={"parent": second, "name": "部门预算说明"}
    )
    return budget, first, second, third


def test_levels_follow_the_parent_and_stop_at_three(world):
    _area, first, second, third = standard_tree()
    assert (first.level, second.level, third.level) == (1, 2, 3)
    assert second.pilot_area_id == first.pilot_area_id
    with pytest.raises(DomainError):
        services.catalog_entry_create(
            actor=None, catalog=services.catalog_for(None), values={"parent": third, "name": "第四级"}
        )
    with pytest.raises(DomainError):
        services.catalog_entry_create(
            actor=None,
            catalog=services.catalog_for(None),
            values={"pilot_area": first.pilot_area, "name": "x", "channels": ["fax"]},
        )


def test_an_organizations_catalog_derives_from_the_standard(world, people):
    area, first, second, third = standard_tree()
    created = services.catalog_derive(actor=people.editor, organization=world.department, pilot_areas=[area])
    assert [e.name for e in created] == ["财政预决算", "部门预算", "部门预算说明"]
    assert [e.derived_from_id for e in created] == [first.pk, second.pk, third.pk]
    own = services.catalog_for(world.department)
    tree = catalog_entries(catalog=own)
    assert [e.level for e in tree] == [1, 2, 3]
    assert tree[1].parent_id == tree[0].pk and tree[0].channels == ["website", "gazette"]
    again = services.catalog_derive(actor=people.editor, organization=world.department, pilot_areas=[area])
    assert again == []


def test_a_years_changes_are_counted_from_history(world, people):
    area, *_ = standard_tree()
    created = services.catalog_derive(actor=people.editor, organization=world.department, pilot_areas=[area])
    own = services.catalog_for(world.department)
    services.catalog_entry_update(actor=people.editor, entry=created[1], values={"time_limit": "10个工作日"})
    services.catalog_entry_update(actor=people.editor, entry=created[1], values={"time_limit": "15个工作日"})
    services.catalog_entry_update(
        actor=people.editor, entry=created[0], values={"time_limit": "批准后20日内"}
    )  # unchanged
    services.catalog_entry_delete(actor=people.editor, entry=created[1])  # and its child
    year = timezone.localdate().year
    assert catalog_change_counts(catalog=own, year=year) == {"added": 3, "adjusted": 1, "deleted": 2}
    # Last year's changes are last year's.
    CatalogEntryVersion.objects.filter(catalog=own, change="added").update(
        changed_at=timezone.make_aware(dt.datetime(year - 1, 6, 1))
    )
    assert catalog_change_counts(catalog=own, year=year) == {"added": 0, "adjusted": 1, "deleted": 2}
    assert catalog_change_counts(catalog=own, year=year - 1) == {"added": 3, "adjusted": 0, "deleted": 0}
    assert [e.name for e in catalog_entries(catalog=own)] == ["财政预决算"]
    assert len(catalog_entries(catalog=own, include_deleted=True)) == 3


def test_entries_without_a_recent_publication_are_flagged(world, people):
    area, *_ = standard_tree()
    created = services.catalog_derive(actor=people.editor, organization=world.department, pilot_areas=[area])
    leaf = created[2]
    own = services.catalog_for(world.department)
    rows = {row.entry.pk: row for row in catalog_activity(catalog=own)}
    assert rows[leaf.pk].stale and not rows[created[0].pk].stale  # only leaves are flagged
    published(world.department, people, catalog_entry=leaf)
    rows = {row.entry.pk: row for row in catalog_activity(catalog=own)}
    assert not rows[leaf.pk].stale and rows[leaf.pk].publications == 1
    later = timezone.localdate() + dt.timedelta(days=400)
    assert {row.entry.pk: row for row in catalog_activity(catalog=own, today=later)}[leaf.pk].stale


def test_publications_link_only_to_their_own_catalog(world, people):
    area, *_ = standard_tree()
    theirs = services.catalog_derive(actor=None, organization=world.other_department, pilot_areas=[area])
    with pytest.raises(DomainError) as error:
        published(world.department, people, catalog_entry=theirs[0])
    assert error.value.field == "catalog_entry"
