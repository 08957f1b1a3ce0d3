"""The personal-data scan run before publication (Chinese government sites are regularly
criticised for publishing citizens' ID numbers by mistake).

Each detector checks more than the shape, to keep false alarms down:

* 居民身份证号 (GB 11643-1999): 18 characters, a real birth date between 1900 and today, and
  the ISO 7064 MOD 11-2 check character — a number with a wrong check character is not
  flagged;
* mobile numbers: 11 digits starting 13–19, optionally +86 and separated 3-4-4;
* bank card numbers: 16 to 19 digits (optionally in groups of four) passing the Luhn check;
* passport numbers: E or G followed by eight digits (the ordinary passport series).

Numbers inside longer runs of letters and digits (credit codes, index numbers) are skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

_ID = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx])(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:(?:\+|00)?86[- ]?)?(1[3-9]\d(?:[- ]?\d{4}){2})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7})(?![0-9A-Za-z])")
_PASSPORT = re.compile(r"(?<![0-9A-Za-z])([EeGg]\d{8})(?![0-9A-Za-z])")


def id_check_character(first17: str) -> str:
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_valid_id_number(value: str, today: dt.date | None = None) -> bool:
    value = value.upper()
    if not re.fullmatch(r"[1-9]\d{16}[0-9X]", value):
        return False
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > (today or dt.date.today()):
        return False
    return id_check_character(value[:17]) == value[17]


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


@dataclass(frozen=True)
class Hit:
    kind: str
    value: str
    start: int
    end: int

    @property
    def masked(self) -> str:
        return mask(self.value)

    @property
    def fingerprint(self) -> str:
        normal = re.sub(r"[^0-9A-Za-z]", "", self.value).upper()
        return hashlib.sha256(f"{self.kind}:{normal}".encode()).hexdigest()


def mask(value: str) -> str:
    """Keep the first and last few characters: 110101********123X, 138****5678."""
    compact = re.sub(r"[^0-9A-Za-z]", "", value)
    if len(compact) >= 15:
        return compact[:6] + "*" * (len(compact) - 10) + compact[-4:]
    if len(compact) >= 11:
        return compact[:3] + "*" * (len(compact) - 7) + compact[-4:]
    return compact[:1] + "*" * (len(compact) - 3) + compact[-2:]


def scan_text(text: str, today: dt.date | None = None) -> list[Hit]:
    """Every piece of personal data in ``text``, in order of position."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _ID.finditer(text):
        if is_valid_id_number(match.group(1), today):
            hits.append(Hit("id_card", match.group(1), match.start(1), match.end(1)))
            taken.append((match.start(1), match.end(1)))
    for match in _MOBILE.finditer(text):
        if free(match.start(), match.end()):
            hits.append(Hit("mobile", match.group(0), match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if 16 <= len(digits) <= 19 and free(match.start(1), match.end(1)) and luhn_valid(digits):
            hits.append(Hit("bank_card", match.group(1), match.start(1), match.end(1)))
            taken.append((match.start(1), match.end(1)))
    for match in _PASSPORT.finditer(text):
        if free(match.start(1), match.end(1)):
            hits.append(Hit("passport", match.group(1), match.start(1), match.end(1)))
    hits.sort(key=lambda hit: hit.start)
    return hits


def context_of(text: str, hit: Hit, width: int = 20) -> str:
    """The words around a hit, with the hit itself masked."""
    before = text[max(0, hit.start - width) : hit.start]
    after = text[hit.end : hit.end + width]
    return " ".join(f"{before}{hit.masked}{after}".split())
