"""Factories for applications, built through the services (the real write path)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from gongkai.accounts.models import Organization
from gongkai.requests.codes import ApplicantType, Channel, DeliveryWanted, FormWanted, IdType
from gongkai.requests.models import InfoRequest
from gongkai.requests.services import request_register

_numbers = itertools.count(1)


def applicant_values(applicant_type: str = ApplicantType.NATURAL_PERSON, **overrides: str) -> dict[str, str]:
    number = next(_numbers)
    values = {
        "name": f"申请人{number}",
        "id_type": IdType.ID_CARD if applicant_type == ApplicantType.NATURAL_PERSON else IdType.CREDIT_CODE,
        "id_number": f"33010219800101{number:04d}",
        "contact_person": "" if applicant_type == ApplicantType.NATURAL_PERSON else f"联系人{number}",
        "phone": f"1380000{number:04d}",
        "email": "",
        "address": f"测试市测试路{number}号",
        "postal_code": "310000",
    }
    values.update(overrides)
    return values


def register(
    *,
    organization: Organization,
    actor: Any,
    received_on: dt.date,
    channel: str = Channel.IN_PERSON,
    applicant_type: str = ApplicantType.NATURAL_PERSON,
    submitted_on: dt.date | None = None,
    description: str = "2024年本单位财政预算执行情况",
    applicant: dict[str, str] | None = None,
) -> InfoRequest:
    """An application entered by staff with its Art. 31 receipt date."""
    return request_register(
        actor=actor,
        organization=organization,
        channel=channel,
        applicant_type=applicant_type,
        applicant=applicant or applicant_values(applicant_type),
        description=description,
        form_wanted=FormWanted.ELECTRONIC,
        delivery_wanted=DeliveryWanted.EMAIL,
        submitted_on=submitted_on or received_on,
        received_on=received_on,
    )
