"""Subcommands of `gongkai` that need the Django project."""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = """usage: gongkai <command> [options]

commands:
  report check|convert|batch   read and check annual reports (no database needed)
"""


def main(args: Sequence[str]) -> int:
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    print(f"gongkai: unknown command {args[0]!r}\n\n{USAGE}", file=sys.stderr)
    return 2
