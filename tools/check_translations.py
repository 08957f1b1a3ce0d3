"""Check that every user-facing string has a Chinese translation.

Extracts the project's msgids (makemessages) into the one catalog,
gongkai/locale/zh_Hans/LC_MESSAGES/django.po, and fails on any empty or fuzzy entry.
``--fill CATALOG.po …`` first takes over translations from other catalogs (a compendium).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gongkai"
CATALOG = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
DJANGO_ADMIN = ROOT / ".venv" / "bin" / "django-admin"


def extract() -> None:
    subprocess.run(
        [
            str(DJANGO_ADMIN),
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-obsolete",
            "--ignore",
            "annualreport/*",
            "--ignore",
            "*/tests/*",
        ],
        cwd=PACKAGE,
        check=True,
        capture_output=True,
    )


def translated(entry: polib.POEntry) -> str:
    text = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
    return "" if "fuzzy" in entry.flags else text


def fill(catalog: polib.POFile, sources: list[Path]) -> int:
    known: dict[str, str] = {}
    for source in sources:
        for entry in polib.pofile(str(source)):
            if translated(entry):
                known.setdefault(entry.msgid, translated(entry))
    filled = 0
    for entry in catalog:
        if translated(entry) or entry.msgid not in known:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: known[entry.msgid]}
        else:
            entry.msgstr = known[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
    return filled


def _entries(catalog: polib.POFile) -> dict[tuple[str, str], str]:
    return {(e.msgctxt or "", e.msgid): translated(e) for e in catalog if not e.obsolete}


def main(argv: list[str]) -> int:
    original = CATALOG.read_bytes()
    before = _entries(polib.pofile(str(CATALOG)))
    extract()
    catalog = polib.pofile(str(CATALOG))
    if argv[:1] == ["--fill"]:
        print(f"filled {fill(catalog, [Path(p) for p in argv[1:]])} translations")
    catalog.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    catalog.metadata["Language"] = "zh_Hans"
    if _entries(catalog) == before:
        CATALOG.write_bytes(original)  # nothing changed but dates and references: keep the file
    else:
        catalog.save()
    problems = [
        f"{entry.occurrences[0][0] if entry.occurrences else '?'}: {entry.msgid!r}"
        for entry in catalog
        if not entry.obsolete and not translated(entry)
    ]
    if problems:
        print(f"{len(problems)} strings have no Chinese translation:")
        print("\n".join(problems))
        return 1
    print(f"{len(catalog)} strings, all translated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
