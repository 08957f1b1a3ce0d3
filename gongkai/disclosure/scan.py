"""The personal-data scan run before publication (Chinese government sites are regularly
criticised for publishing citizens' ID numbers by mistake).

Each detector checks more than the shape, to keep false alarms down:

* 居民身份证号 (GB 11643-1999): 18 characters, a real birth date between 1900 and today, and
  the ISO 7064 MOD 11-2 check character; a number of that shape and date whose check
  character is wrong is still flagged, as a warning (``id_card_suspect``): a mistyped
  number is still somebody's;
* mobile numbers: 11 digits starting 13–19, optionally +86 and separated 3-4-4;
* bank card numbers: 16 to 19 digits (optionally in groups of four) passing the Luhn check;
* passport numbers: E or G followed by eight digits (the ordinary passport series).

Numbers inside longer runs of letters and digits (credit codes, index numbers) are skipped.

The text is normalised before it is scanned (NFKC, so that full-width ``３３０６２１…`` reads
as ``330621…``; zero-width characters and soft hyphens removed, so that a number split by
them reads whole). Each hit keeps its position and spelling in the original text, so that
redaction replaces what is really there, and a fingerprint of the normalised value, so that
the same number is recognised in any spelling.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

_ID = re.compile(
    r"(?<![0-9A-Za-z])([1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx])(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:(?:\+|00)?86[- ]?)?(1[3-9]\d(?:[- ]?\d{4}){2})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7})(?![0-9A-Za-z])")
_PASSPORT = re.compile(r"(?<![0-9A-Za-z])([EeGg]\d{8})(?![0-9A-Za-z])")


# Characters that show nothing and can split a number without a reader noticing.
INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")


def normalise(text: str) -> tuple[str, list[int]]:
    """``text`` in NFKC with invisible characters removed, and for each character of the
    result the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        folded = unicodedata.normalize("NFKC", char) if ord(char) > 127 else char
        for piece in folded:
            if piece in INVISIBLE:
                continue
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def normal_form(value: str) -> str:
    """The letters and digits of ``value`` after normalisation, upper case."""
    return re.sub(r"[^0-9A-Za-z]", "", normalise(value)[0]).upper()


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


# Kinds that are warnings: likely but not certainly personal data.
WARNING_KINDS = frozenset({"id_card_suspect"})


@dataclass(frozen=True)
class Hit:
    """A piece of personal data: ``value`` is its spelling in the original text, between
    ``start`` and ``end``."""

    kind: str
    value: str
    start: int
    end: int

    @property
    def masked(self) -> str:
        return mask(self.value)

    @property
    def is_warning(self) -> bool:
        return self.kind in WARNING_KINDS

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.kind, self.value)


def fingerprint_of(kind: str, value: str) -> str:
    # A suspect ID number and a valid one share the fingerprint's namespace: both are IDs.
    family = "id_card" if kind == "id_card_suspect" else kind
    return hashlib.sha256(f"{family}:{normal_form(value)}".encode()).hexdigest()


def mask(value: str) -> str:
    """Keep the first and last few characters: 110101********123X, 138****5678."""
    compact = normal_form(value)
    if len(compact) >= 15:
        return compact[:6] + "*" * (len(compact) - 10) + compact[-4:]
    if len(compact) >= 11:
        return compact[:3] + "*" * (len(compact) - 7) + compact[-4:]
    return compact[:1] + "*" * (len(compact) - 3) + compact[-2:]


def _has_real_birth_date(value: str, today: dt.date | None) -> bool:
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return born.year >= 1900 and born <= (today or dt.date.today())


def scan_text(text: str, today: dt.date | None = None) -> list[Hit]:
    """Every piece of personal data in ``text``, in order of position (positions and
    values refer to ``text`` as given, before normalisation)."""
    normal, origin = normalise(text)
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _ID.finditer(normal):
        number = match.group(1)
        if is_valid_id_number(number, today):
            kind = "id_card"
        elif _has_real_birth_date(number, today):
            kind = "id_card_suspect"  # the right shape and date, a wrong check character
        else:
            continue
        found.append((kind, match.start(1), match.end(1)))
        taken.append((match.start(1), match.end(1)))
    for match in _MOBILE.finditer(normal):
        if free(match.start(), match.end()):
            found.append(("mobile", match.start(), match.end()))
            taken.append((match.start(), match.end()))
    for match in _CARD.finditer(normal):
        digits = re.sub(r"\D", "", match.group(1))
        if 16 <= len(digits) <= 19 and free(match.start(1), match.end(1)) and luhn_valid(digits):
            found.append(("bank_card", match.start(1), match.end(1)))
            taken.append((match.start(1), match.end(1)))
    for match in _PASSPORT.finditer(normal):
        if free(match.start(1), match.end(1)):
            found.append(("passport", match.start(1), match.end(1)))
    hits = []
    for kind, start, end in found:
        first, last = origin[start], origin[end - 1] + 1
        hits.append(Hit(kind, text[first:last], first, last))
    hits.sort(key=lambda hit: hit.start)
    return hits


def context_of(text: str, hit: Hit, width: int = 20) -> str:
    """The words around a hit, with the hit itself masked."""
    before = text[max(0, hit.start - width) : hit.start]
    after = text[hit.end : hit.end + width]
    return " ".join(f"{before}{hit.masked}{after}".split())
