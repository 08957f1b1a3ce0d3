"""The one error a reader raises: the input cannot be read as an annual report."""

from __future__ import annotations


class ReportReadError(Exception):
    """The input is not an annual report, is cut short, or cannot be decoded.

    ``found`` and ``missing`` say what the reader saw and what it needed, so that the
    message names the place rather than just failing.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        found: list[str] | None = None,
        missing: list[str] | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.found = found or []
        self.missing = missing or []
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        place = self.source or ""
        if self.line is not None:
            place = f"{place}:{self.line}" if place else f"line {self.line}"
        parts = [f"{place}: {self.message}" if place else self.message]
        if self.found:
            parts.append("found: " + "; ".join(self.found))
        if self.missing:
            parts.append("missing: " + "; ".join(self.missing))
        return " — ".join(parts)
