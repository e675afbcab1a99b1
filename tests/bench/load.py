"""The reference portal under load: its production server (gunicorn, several worker processes, loopback only),
job search with catalogues of growing size seeded in bulk, the application's step pages, and a trivial
endpoint of the same server as the ceiling, each with the same number of concurrent clients.

The load generator is a small threaded HTTP client (one thread per client, each signed in as its own
candidate); latencies are measured from sending the request to reading the whole body.
"""

from __future__ import annotations

import http.client
import itertools
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import func, insert, select

from reference_portal import create_app, db
from reference_portal.models import JobOpening, OpeningWord
from reference_portal.rules.search import word_rows

CONTROL = "/__conformance__/v1"
FIRST_SEEDED_JOB_ID = 300000
TITLES = (
    "Spécialiste de l'informatique", "Administrateur de programmes", "Assistant administratif",
    "Chargé des affaires politiques", "Économiste", "Traducteur", "Juriste", "Spécialiste des achats",
    "Fonctionnaire d'administration", "Chargé de l'information", "Statisticien", "Ingénieur civil",
)
FAMILIES = (
    ("Information Technology", "ITECNET"), ("Administration", "MAGNET"), ("Political Affairs", "POLNET"),
    ("Economic Affairs", "ECONET"), ("Legal Affairs", "LEGALNET"), ("Procurement", "MAGNET"),
)
STATIONS = ("New York", "Genève", "Vienne", "Nairobi", "Bangkok", "Addis-Abeba", "Santiago", "Beyrouth")
# What people type: nothing (the newest openings), a word of many titles, a duty station, a rare word, and
# two words at once. The rare word appears in about one opening in 500, so finding 50 scans the catalogue.
SEARCHES = (
    "/emplois",
    "/emplois?mots_cles=informatique&periode=tout",
    "/emplois?mots_cles=Nairobi&periode=30",
    "/emplois?mots_cles=statisticien+bangkok&periode=tout",
    "/emplois?mots_cles=rare&periode=tout",
)
# The pages of an application under way (step 1, choosing how to start, comes before the application exists;
# step 7 opens on its first part, the cover letter).
STEP_PAGES = (*(f"/etape/{number}" for number in range(2, 7)), "/etape/7/lettre", "/etape/8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed_openings(database_url: str, total: int) -> float:
    """Brings the catalogue to ``total`` published openings with one multi-row INSERT per 5,000; returns seconds."""
    started = time.perf_counter()
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "seeding only"})
    with app.app_context():
        session = db.session()
        present = session.execute(select(func.count()).select_from(JobOpening)).scalar_one()
        now = datetime.now(UTC)
        rows = []
        for index in range(present, total):
            job_id = FIRST_SEEDED_JOB_ID + index
            title = TITLES[index % len(TITLES)] + (" (poste rare)" if index % 500 == 7 else "")
            family, network = FAMILIES[index % len(FAMILIES)]
            station = STATIONS[(index // 3) % len(STATIONS)]
            posted = now - timedelta(days=1, minutes=index % 86_400)  # within the last 60 days
            rows.append({
                "job_id": job_id, "number": f"26-{family[:3].upper()}-{network}-{job_id}-R-{station} (R)",
                "title": title, "level": ("P-2", "P-3", "P-4", "G-5")[index % 4], "job_family": family,
                "job_network": network, "duty_station": station, "department": "Département de la gestion",
                "description": "Appel à candidature créé pour la mesure des performances.",
                "opening_type": "standard", "state": "open", "posted_at": posted, "deadline": now + timedelta(days=30),
            })
            if len(rows) == 5000:
                _insert(session, rows)
                rows = []
        if rows:
            _insert(session, rows)
        session.commit()
    app.extensions[db._EXTENSION_KEY][0].dispose()
    return time.perf_counter() - started


def _insert(session: Any, rows: list[dict]) -> None:
    """Openings and their rows in the word index (a bulk insert skips the ORM's events that keep the index)."""
    session.execute(insert(JobOpening), rows)
    session.execute(insert(OpeningWord), [word for row in rows for word in word_rows(row)])


@dataclass
class Server:
    """gunicorn serving ``reference_portal.wsgi:app`` on 127.0.0.1."""

    database_url: str
    workers: int
    log: Path
    port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        env = {**os.environ, "INSPIRA_SECRET_KEY": secrets.token_hex(32), "INSPIRA_DATABASE_URL": self.database_url,
               "INSPIRA_CONTROL_TOKEN": self.token, "INSPIRA_PUBLIC_URL": self.base_url}
        command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind",
                   f"127.0.0.1:{self.port}", "--backlog", "256", "reference_portal.wsgi:app"]
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(command, env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {self.process.returncode}; see {self.log}")
            try:
                if requests.get(self.base_url + "/health", timeout=5).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)  # the server is starting: nothing to wait on but the port
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log}")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def control(self, method: str, path: str, **body: object) -> dict:
        response = requests.request(method, self.base_url + CONTROL + path, json=body,
                                    headers={"Authorization": f"Bearer {self.token}"}, timeout=30)
        response.raise_for_status()
        return response.json()


def signed_in_cookie(server: Server) -> tuple[str, dict]:
    """A new candidate signed in through the login form; returns the Cookie header and the candidate."""
    candidate = server.control("POST", "/candidates", profile="complete")
    browser = requests.Session()
    page = browser.get(server.base_url + "/connexion", timeout=30)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError("the sign-in page has no CSRF token")
    answer = browser.post(server.base_url + "/connexion", timeout=30, allow_redirects=False, data={
        "csrf_token": token.group(1), "user_code": candidate["user_code"], "password": candidate["password"]})
    if answer.status_code != 302:
        raise RuntimeError(f"signing in answered {answer.status_code}")
    return "; ".join(f"{c.name}={c.value}" for c in browser.cookies), candidate


@dataclass
class Measure:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1)]

    def summary(self) -> dict:
        return {"rps": round(self.rps, 1), "p50_ms": round(self.percentile(50), 2),
                "p95_ms": round(self.percentile(95), 2), "requests": self.requests, "errors": self.errors,
                "mean_ms": round(statistics.fmean(self.latencies_ms), 2) if self.latencies_ms else None}


def hammer(name: str, port: int, paths_per_client: list[list[str]], cookies: list[str], seconds: float,
           warmup: float = 1.0) -> Measure:
    """Each client sends its paths in turn, one request at a time, for ``seconds`` after ``warmup``."""
    start = time.perf_counter() + warmup
    stop = start + seconds
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client(paths: list[str], cookie: str) -> None:
        mine: list[float] = []
        failed = 0
        connection: http.client.HTTPConnection | None = None
        for path in itertools.cycle(paths):
            now = time.perf_counter()
            if now >= stop:
                break
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                response.read()
                if response.will_close:
                    connection.close()
                    connection = None
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                if connection is not None:
                    connection.close()
                connection = None
                ok = False
            if now >= start:
                if ok:
                    mine.append((time.perf_counter() - now) * 1000)
                else:
                    failed += 1
        if connection is not None:
            connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(paths, cookie)) for paths, cookie in zip(paths_per_client,
                                                                                                cookies, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Measure(name, len(latencies), errors[0], seconds, latencies)


def profile_search(database_url: str, path: str, repeat: int = 30) -> str:
    """Where a search's time goes, in process (pyinstrument), signed in through the test client."""
    from pyinstrument import Profiler

    from reference_portal.rules.registration import create_candidate

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "profiling only", "WTF_CSRF_ENABLED": False})
    user_code, password = f"prof{secrets.token_hex(4)}", "un mot de passe"
    with app.app_context():
        create_candidate(user_code=user_code, password=password, email=f"{user_code}@exemple.org",
                         first_name="Camille", last_name="Profil", date_of_birth=datetime(1990, 1, 1).date())
    client = app.test_client()
    signed_in = client.post("/connexion", data={"user_code": user_code, "password": password})
    if signed_in.status_code != 302:
        raise RuntimeError(f"signing in for the profile answered {signed_in.status_code}")
    client.get(path)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(repeat):
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code} while profiling")
    app.extensions[db._EXTENSION_KEY][0].dispose()
    return profiler.output_text(unicode=True, color=False, show_all=False)
