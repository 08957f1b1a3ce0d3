"""Major construction projects (重大建设项目, 条例 Art. 20 (10)): the project, and the
records of its life by stage, each with the publication that discloses it. A project is
public once published; a record added to a public project is public at once."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Organization
from gongkai.accounts.roles import PARTICIPATION_EDIT, PARTICIPATION_PUBLISH
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError
from gongkai.participation.models import MajorProject, ProjectStage, StageRecord
from gongkai.participation.services._common import (
    apply_values,
    now,
    public_publication,
    require,
    required_text,
    state,
)

PROJECT_FIELDS = ["name", "code", "owner", "location", "investment", "summary"]
RECORD_FIELDS = ["stage", "title", "happened_on", "summary", "publication"]


def _reindex(project: MajorProject) -> None:
    from gongkai.participation.search import reindex_project

    reindex_project(project)


def _check(values: dict[str, Any]) -> None:
    """Validate, and turn the investment into a Decimal (a form gives one, a script a string)."""
    required_text(values.get("name", ""), field="name", message=_("Give the project's name."))
    investment = values.get("investment")
    if investment in (None, ""):
        values["investment"] = None
        return
    try:
        amount = Decimal(str(investment))
    except InvalidOperation as error:
        raise DomainError(_("The investment is not a number."), field="investment") from error
    if amount < 0:
        raise DomainError(_("The investment cannot be negative."), field="investment")
    values["investment"] = amount


@transaction.atomic
def project_create(*, actor: Any, organization: Organization, values: dict[str, Any]) -> MajorProject:
    require(actor, PARTICIPATION_EDIT, organization)
    values = dict(values)
    _check(values)
    project = MajorProject(organization=organization)
    apply_values(project, values, PROJECT_FIELDS)
    project.save()
    log_action(actor=actor, action="project.created", target=project, after=state(project, PROJECT_FIELDS))
    return project


@transaction.atomic
def project_update(*, actor: Any, project: MajorProject, values: dict[str, Any]) -> MajorProject:
    require(actor, PARTICIPATION_EDIT, project.organization)
    values = dict(values)
    if "investment" in values:
        checked = {**state(project, PROJECT_FIELDS), **values}
        _check(checked)
        values["investment"] = checked["investment"]
    else:
        _check({**state(project, PROJECT_FIELDS), **values})
    before = state(project, PROJECT_FIELDS)
    apply_values(project, values, PROJECT_FIELDS)
    project.save()
    log_action(
        actor=actor,
        action="project.updated",
        target=project,
        before=before,
        after=state(project, PROJECT_FIELDS),
    )
    _reindex(project)
    return project


@transaction.atomic
def project_publish(*, actor: Any, project: MajorProject) -> MajorProject:
    require(actor, PARTICIPATION_PUBLISH, project.organization)
    project = MajorProject.objects.select_for_update().get(pk=project.pk)
    if project.published_at is not None:
        raise DomainError(_("The project is already published."))
    project.published_at = now()
    project.save(update_fields=["published_at"])
    project.records.filter(published_at__isnull=True).update(published_at=project.published_at)
    log_action(
        actor=actor,
        action="project.published",
        target=project,
        before={"published_at": None},
        after={"published_at": project.published_at.isoformat(), "records": project.records.count()},
    )
    _reindex(project)
    return project


@transaction.atomic
def stage_record_add(*, actor: Any, project: MajorProject, values: dict[str, Any]) -> StageRecord:
    require(actor, PARTICIPATION_EDIT, project.organization)
    project = MajorProject.objects.select_for_update().get(pk=project.pk)
    if values.get("stage") not in ProjectStage.values:
        raise DomainError(_("Choose the stage."), field="stage")
    required_text(values.get("title", ""), field="title", message=_("Say what happened."))
    if values.get("happened_on") is None:
        raise DomainError(_("Give the date."), field="happened_on")
    public_publication(values.get("publication"), project.organization, field="publication")
    record = StageRecord(project=project)
    apply_values(record, values, RECORD_FIELDS)
    record.published_at = now() if project.published_at else None
    record.save()
    log_action(
        actor=actor,
        action="project.stage_recorded",
        target=project,
        after={**state(record, RECORD_FIELDS), "record": record.pk},
    )
    _reindex(project)
    return record


@transaction.atomic
def stage_record_remove(*, actor: Any, record: StageRecord) -> None:
    project = record.project
    require(actor, PARTICIPATION_EDIT, project.organization)
    log_action(
        actor=actor,
        action="project.stage_removed",
        target=project,
        before={**state(record, RECORD_FIELDS), "record": record.pk},
    )
    record.delete()
    _reindex(project)
