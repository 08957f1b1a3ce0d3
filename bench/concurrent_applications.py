"""Applications submitted concurrently to a real server on SQLite: none may fail or be lost.

Run from the repository root::

    .venv/bin/python bench/concurrent_applications.py                 # 200 at 20 concurrent
    .venv/bin/python bench/concurrent_applications.py --total 400 --concurrency 40
    .venv/bin/python bench/concurrent_applications.py --baseline       # also SQLite's defaults

It sets up the demo government on a fresh SQLite file (``gongkai demo --no-serve``), starts
``gongkai serve`` (gunicorn, ``--workers``) on a free loopback port, and submits ``--total``
applications through the public form (GET the form for its CSRF cookie and token, POST it),
``--concurrency`` at a time (``--server demo`` runs ``gongkai demo`` instead: Django's threaded
server, one thread per request, as the security test of the demo did), each from its own session. An application counts as
acknowledged when the server answers the POST with the redirect to its receipt. Afterwards
it reads the database file: every acknowledged application must be there (each carries a
unique marker in its description), and nothing else.

With ``--baseline`` it first runs the same load against a server started with
``GONGKAI_SQLITE_WAL=0`` (SQLite's defaults: rollback journal, DEFERRED transactions), for
the before/after comparison recorded in docs/security.md. Requests go only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GONGKAI = ROOT / ".venv" / "bin" / "gongkai"
ORG = "keqiao"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def submit(base: str, marker: str) -> tuple[str, float]:
    """One application as a citizen sends it; returns (outcome, seconds)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    started = time.monotonic()
    try:
        page = opener.open(f"{base}/{ORG}/apply/", timeout=120).read().decode()
        token = re.search(r'name="token" value="([^"]+)"', page)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not token or not csrf:
            return "no-form", time.monotonic() - started
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf.group(1),
                "token": token.group(1),
                "applicant_type": "business",
                "name": "杭州某某科技有限公司",
                "id_type": "credit_code",
                "id_number": "91330100MA2B3C4D5N",
                "contact_person": "李四",
                "phone": "0571-88886666",
                "description": f"2024年度本区企业研发补助资金发放名单（{marker}）",
                "form_wanted": "electronic",
                "delivery_wanted": "email",
                "email": "apply@example.com",
                "confirm": "on",
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}/{ORG}/apply/", data=data, headers={"Referer": f"{base}/{ORG}/apply/"}
        )
        try:
            response = opener.open(request, timeout=120)
            status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        return ("acknowledged" if status == 302 else f"http-{status}"), time.monotonic() - started
    except (urllib.error.URLError, OSError) as error:
        return f"error-{type(error).__name__}", time.monotonic() - started


def run(*, total: int, concurrency: int, workers: int, wal: bool, server_kind: str) -> dict[str, object]:
    data_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-sqlite-"))
    env = {**os.environ, "GONGKAI_DATA_DIR": str(data_dir), "GONGKAI_MODE": "demo"}
    env.pop("DATABASE_URL", None)
    env["GONGKAI_SQLITE_WAL"] = "1" if wal else "0"
    subprocess.run(
        [str(GONGKAI), "demo", "--no-serve", "--data-dir", str(data_dir)],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = (
        [str(GONGKAI), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        if server_kind == "serve"
        else [str(GONGKAI), "demo", "--port", str(port), "--data-dir", str(data_dir)]
    )
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/{ORG}/apply/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        markers = [f"bench-{os.getpid()}-{index:04d}" for index in range(total)]
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            results = list(pool.map(lambda marker: submit(base, marker), markers))
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(30)
    stderr = server.stderr.read().decode(errors="replace") if server.stderr else ""
    database = sqlite3.connect(data_dir / "gongkai.sqlite3")
    stored = {
        description
        for (description,) in database.execute(
            "SELECT description FROM requests_inforequest WHERE description LIKE '%bench-%'"
        )
    }
    journal = database.execute("PRAGMA journal_mode").fetchone()[0]
    database.close()
    found = {marker for marker in markers if any(marker in text for text in stored)}
    acknowledged = {
        marker for marker, (outcome, _s) in zip(markers, results, strict=True) if outcome == "acknowledged"
    }
    outcomes: dict[str, int] = {}
    for outcome, _seconds in results:
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    times = sorted(seconds for _outcome, seconds in results)
    return {
        "settings": "WAL, busy timeout, IMMEDIATE" if wal else "SQLite defaults (baseline)",
        "journal_mode": journal,
        "total": total,
        "concurrency": concurrency,
        "server": server_kind if server_kind == "demo" else f"serve --workers {workers}",
        "outcomes": outcomes,
        "acknowledged": len(acknowledged),
        "stored": len(found),
        "lost": len(acknowledged - found),
        "stored_unacknowledged": len(found - acknowledged),
        "seconds": round(elapsed, 1),
        "median_s": round(statistics.median(times), 3),
        "p95_s": round(times[int(len(times) * 0.95) - 1], 3),
        "locked_in_log": stderr.count("database is locked"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--total", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--baseline", action="store_true", help="also run with SQLite's defaults first")
    parser.add_argument(
        "--server",
        choices=["serve", "demo"],
        default="serve",
        help="gongkai serve (gunicorn, --workers processes) or gongkai demo (threaded runserver)",
    )
    options = parser.parse_args()
    runs = []
    settings = [False, True] if options.baseline else [True]
    for wal in settings:
        runs.append(
            run(
                total=options.total,
                concurrency=options.concurrency,
                workers=options.workers,
                wal=wal,
                server_kind=options.server,
            )
        )
    for result in runs:
        print(result)
    final = runs[-1]
    ok = final["acknowledged"] == final["total"] and final["lost"] == 0
    print("PASS" if ok else "FAIL", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
