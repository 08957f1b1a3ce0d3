"""The accuracy harness over the real reports in ../shared/data (see
gongkai/annualreport/accuracy.py). Run from the repository root::

    .venv/bin/python bench/accuracy.py [--data ../shared/data/reports]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project is not installed into the virtualenv; run against the working tree.
sys.path.insert(0, str(ROOT))

from gongkai.annualreport.accuracy import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
