"""Keeping the public's personal data off public pages.

Opinions and messages carry their writers' names, telephones and e-mail addresses in
fields of their own, which no public page reads. What the body publishes instead — the
summary of opinions in the feedback, the question and answer of a message — is written or
copied by staff and may still contain personal data, often the writer's own ("请回电
13812345678"). ``check_public_text`` refuses such text before publication: the personal
data the disclosure scan finds (identity, mobile, bank card and passport numbers), e-mail
addresses, and the contact data of the people the text is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.core.errors import DomainError
from gongkai.disclosure.scan import mask, scan_text

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""


def personal_data_in(text: str, contacts: Iterable[Contact] = ()) -> list[str]:
    """What in ``text`` is personal data, each masked for the error message."""
    found = [hit.masked for hit in scan_text(text)]
    found += [mask(match.group(0)) for match in _EMAIL.finditer(text)]
    digits = _DIGITS.sub("", text)
    for contact in contacts:
        # A name of one character is too common a character to refuse a text for.
        if len(contact.name.strip()) >= 2 and contact.name.strip() in text:
            found.append(contact.name.strip()[0] + "*" * (len(contact.name.strip()) - 1))
        phone = _DIGITS.sub("", contact.phone)
        if len(phone) >= 7 and phone in digits:
            found.append(mask(phone))
        if contact.email and contact.email.lower() in text.lower():
            found.append(mask(contact.email))
    return list(dict.fromkeys(found))


def check_public_text(text: str, *, field: str, contacts: Iterable[Contact] = ()) -> None:
    """Raise ``DomainError`` on ``field`` if ``text`` would publish personal data."""
    found = personal_data_in(text, contacts)
    if found:
        raise DomainError(
            _("This text would publish personal data (%(items)s); remove it before publishing.")
            % {"items": "、".join(found)},
            field=field,
        )
