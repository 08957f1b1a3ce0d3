"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why a code is not a valid 统一社会信用代码, or None when it is."""
    if len(code) != 18:
        return f"must be 18 characters, not {len(code)}"
    bad = sorted({char for char in code if char not in ALPHABET})
    if bad:
        return f"contains characters not allowed: {''.join(bad)}"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"check character should be {expected}, not {code[17]}"
    return None


def make_credit_code(first17: str) -> str:
    """A valid code from its first 17 characters (for demo data and tests)."""
    return first17 + check_character(first17)
