"""Load test of the dashboard: a 100-indicator plan, 20 concurrent users, PostgreSQL and gunicorn.

    python benchmarks/load_dashboard.py [--database postgres://postgres@127.0.0.1:5432/planeval_bench]
                                         [--connections 20] [--seconds 30] [--workers CORES]

Creates (or empties) the database, migrates it, stores a generated 100-indicator plan with five
years of approved values, signs a viewer in, starts gunicorn on a loopback port and runs wrk
(Debian package ``wrk``) against the plan's overview page with the viewer's session; prints one
JSON line with requests per second and the 50th/95th/99th latency percentiles in ms. Target:
p95 ≤ 150 ms. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("LATENCY %d %d %d\\n", latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare(env: dict[str, str]) -> str:
    """Migrate, store the generated plan and return a signed-in viewer's session key."""
    code = """
import django
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from bench_core import generate
from planeval.io.folder import PlanFolder
from planeval.web.core.convert import store_plan
from planeval.web.core.models import Membership, Plan, Role
call_command("flush", interactive=False, verbosity=0)
call_command("migrate", interactive=False, verbosity=0)
plan, observations = generate(99)
store_plan(PlanFolder(None, plan, tuple(observations)), "bench")
user = get_user_model().objects.create_user("viewer", password="x")
Membership.objects.create(user=user, role=Role.VIEWER)
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""
    path = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")]))  # for bench_core
    done = subprocess.run([sys.executable, "-c", code], env=env | {"PYTHONPATH": path}, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/planeval_bench")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)  # one per core: the work is CPU
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    name = args.database.rsplit("/", 1)[-1]
    subprocess.run(["psql", args.database.rsplit("/", 1)[0] + "/postgres", "-qc", f"CREATE DATABASE {name}"],
                   capture_output=True, check=False)  # fmt: skip
    home = tempfile.mkdtemp(prefix="planeval-load-")
    env = os.environ | {
        "DATABASE_URL": args.database,
        "PLANEVAL_HOME": home,
        "PLANEVAL_SECURE": "0",
        "PLANEVAL_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_SETTINGS_MODULE": "planeval.web.settings",
    }
    session = _prepare(env)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "planeval.web.wsgi", "-b", f"127.0.0.1:{port}",
                               "-w", str(args.workers), "--log-level", "warning"], env=env)  # fmt: skip
    url = f"http://127.0.0.1:{port}/plans/bench/"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        done = subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.seconds}s", "-s",
                               script.name, "-H", f"Cookie: sessionid={session}", url],
                              capture_output=True, text=True, check=True)  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    lines = done.stdout.splitlines()
    p50, p95, p99 = (int(x) / 1000 for x in next(line for line in lines if line.startswith("LATENCY")).split()[1:])
    rate = float(next(line for line in lines if line.startswith("Requests/sec")).split()[1])
    non_2xx = next((line for line in lines if "Non-2xx" in line), "")
    print(json.dumps({"indicators": 100, "connections": args.connections, "seconds": args.seconds,
                      "requests_per_second": rate, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
                      "non_2xx": non_2xx.strip()}))  # fmt: skip


if __name__ == "__main__":
    main()
