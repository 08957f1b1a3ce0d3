"""The `gongkai` command.

``gongkai report …`` is the plain-Python annual-report tool and never imports Django.
Every other subcommand runs inside the Django project (demo, serve, workdays, manage).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["report"]:
        from gongkai.annualreport.cli import main as report_main

        return report_main(args)
    from gongkai.platform_cli import main as platform_main

    return platform_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
