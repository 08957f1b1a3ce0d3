"""Applicants' personal data: masked everywhere except the full record, which only the
handling body's request handlers may open, and every opening is logged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.accounts.access import user_can
from gongkai.accounts.roles import VIEW_PERSONAL_DATA
from gongkai.requests.models import Applicant, InfoRequest


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***; up to 8 characters keep the first 2; a longer
    organization name keeps its first 4 and last 2."""
    name = name.strip()
    if not name:
        return ""
    if len(name) <= 4:
        return name[0] + "*" * (len(name) - 1)
    if len(name) <= 8:
        return name[:2] + "*" * (len(name) - 2)
    return name[:4] + "*" * (len(name) - 6) + name[-2:]


def mask_number(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    """13812345678 → 138****5678; an identity number keeps its first 3 and last 4 too."""
    value = value.strip()
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_email(value: str) -> str:
    if "@" not in value:
        return mask_number(value)
    local, domain = value.split("@", 1)
    return (local[:1] + "***@" + domain) if local else "***@" + domain


def mask_address(value: str) -> str:
    value = value.strip()
    return value[:6] + "…" if len(value) > 6 else ("…" if value else "")


@dataclass(frozen=True)
class ApplicantView:
    """What a page may show of an applicant: masked unless ``full``."""

    full: bool
    name: str
    id_type: str
    id_number: str
    contact_person: str
    phone: str
    email: str
    address: str
    postal_code: str


def masked(applicant: Applicant) -> ApplicantView:
    return ApplicantView(
        full=False,
        name=mask_name(applicant.name),
        id_type=applicant.get_id_type_display(),
        id_number=mask_number(applicant.id_number),
        contact_person=mask_name(applicant.contact_person),
        phone=mask_number(applicant.phone),
        email=mask_email(applicant.email),
        address=mask_address(applicant.address),
        postal_code="",
    )


def unmasked(applicant: Applicant) -> ApplicantView:
    return ApplicantView(
        full=True,
        name=applicant.name,
        id_type=applicant.get_id_type_display(),
        id_number=applicant.id_number,
        contact_person=applicant.contact_person,
        phone=applicant.phone,
        email=applicant.email,
        address=applicant.address,
        postal_code=applicant.postal_code,
    )


def may_view_personal_data(user: Any, info_request: InfoRequest) -> bool:
    """Only request handlers of the handling body itself (never a supervisor above it)."""
    return user_can(user, VIEW_PERSONAL_DATA, info_request.organization)
