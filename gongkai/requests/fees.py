"""信息处理费 (条例 Art. 42; 国办函〔2020〕109号 Arts. 3–5, spec §6).

Per piece (按件计收): the k-th application of the same applicant to the same body within one
natural month costs nothing up to the 10th, 100 yuan from the 11th to the 30th, and from the
31st 100 yuan more for every further band of 10 (31st–40th 200, 41st–50th 300, …).
Per volume (按量计收): up to 30 pages free; pages 31–100 at 10 yuan, 101–200 at 20 yuan,
above 200 at 40 yuan. A body chooses one basis per application, never both (Art. 3).
"""

from __future__ import annotations

from decimal import Decimal

FREE_PIECES = 10
FREE_PAGES = 30


def per_piece_fee(ordinal: int) -> Decimal:
    """The fee for the ``ordinal``-th application (1-based) in the natural month."""
    if ordinal < 1:
        raise ValueError("ordinal starts at 1")
    if ordinal <= FREE_PIECES:
        return Decimal(0)
    if ordinal <= 30:
        return Decimal(100)
    bands = (ordinal - 30 + 9) // 10  # 31–40 → 1, 41–50 → 2, …
    return Decimal(100 + 100 * bands)


def per_piece_total(first_ordinal: int, pieces: int) -> Decimal:
    """An application split into ``pieces`` pieces ("一事一申请"), the first of which is the
    ``first_ordinal``-th of the month."""
    return sum((per_piece_fee(first_ordinal + i) for i in range(pieces)), Decimal(0))


def per_page_fee(pages: int) -> Decimal:
    if pages < 0:
        raise ValueError("pages must not be negative")
    amount = (
        10 * max(0, min(pages, 100) - FREE_PAGES)
        + 20 * max(0, min(pages, 200) - 100)
        + 40 * max(0, pages - 200)
    )
    return Decimal(amount)
