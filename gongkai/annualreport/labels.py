"""Normalising the text of published reports: labels, numbers, page furniture.

Published reports mix full- and half-width punctuation, put stray spaces inside labels
("总 计", "三 、本 年 度办 理 结果") and wrap labels across lines. Every comparison of a
label goes through ``normalize`` and ``similarity`` so that the readers agree on what a
label means.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache

from gongkai.annualreport.model import Number

_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
# Enumerators printed before labels: 一、 （一） (1) 1. 1、 1．
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\(\d+\)|\d+[、.](?!\d))"
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_NUMBER = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_PAGE_FOOTER = re.compile(
    r"^\s*(?:[-－—–―]+\s*\d{1,4}\s*[-－—–―]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


def compact(text: str) -> str:
    """NFKC (full-width to half-width), curly quotes to straight, no whitespace at all."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub("", text)


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """The form in which labels are compared: compact, without a leading enumerator."""
    text = compact(text)
    previous = None
    while previous != text:
        previous = text
        text = _ENUMERATOR.sub("", text)
    return text


def leading_enumerator(text: str) -> str:
    match = _ENUMERATOR.match(compact(text))
    return match.group(0) if match else ""


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """How alike two normalised labels are, 0..1 (1 when one contains the other). Cached:
    aligning a table compares the same printed labels with the same statutory ones again
    and again (once per layout tried)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= 2 and shorter in longer:
        return 0.9 * len(shorter) / len(longer) + 0.1
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(compact(text)))


def parse_number(text: str) -> Number:
    """A printed number as int (no fraction printed) or Decimal; raises ValueError."""
    cleaned = compact(text).replace("−", "-").replace(",", "")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    if "." in cleaned:
        try:
            return Decimal(cleaned)
        except InvalidOperation as error:  # pragma: no cover - the regex guards this
            raise ValueError(f"not a number: {text!r}") from error
    return int(cleaned)


_WITH_UNIT = re.compile(r"^(?P<number>[-−]?[\d,]+(?:\.\d+)?)\s*(?P<unit>万元|亿元|元|件|个|项|条|人次|次)$")


def split_unit(text: str) -> tuple[str, str] | None:
    """A number printed with its unit ("251000元" -> ("251000", "元")), or None."""
    match = _WITH_UNIT.match(compact(text))
    if not match or not is_number(match.group("number")):
        return None
    return match.group("number"), match.group("unit")


def is_page_footer(text: str) -> bool:
    """Page numbers that PDF extraction leaves inside tables: "-4-", "— 3 —", "第3页"."""
    return bool(_PAGE_FOOTER.match(unicodedata.normalize("NFKC", text)))
