"""``make test-postgres``: the French suite against the reference portal on PostgreSQL.

Installs Debian's ``postgresql`` when no server binaries are found (as root), starts a throwaway cluster in a
temporary folder on a loopback port (as the ``postgres`` user when run as root), serves the portal on it with
``inspira-conformance serve --database-url postgresql+psycopg://…``, runs the suite through ``--base-url``,
and stops and removes the cluster whatever happens. ``--portal-tests`` also runs tests/portal on it
(each test gets a database of its own, through INSPIRA_TEST_POSTGRES_URL).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from fixtures.mail import free_port
from fixtures.portal import ReferencePortal

ROOT = Path(__file__).resolve().parents[2]


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def ensure_installed() -> Path:
    binaries = server_binaries()
    if binaries is not None:
        return binaries
    if os.geteuid() != 0:
        raise SystemExit("test-postgres: PostgreSQL is not installed and this is not root: "
                         "install Debian's postgresql package (apt-get install postgresql)")
    print("installing Debian's postgresql package…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql"], check=True, env=env)
    binaries = server_binaries()
    if binaries is None:
        raise SystemExit("test-postgres: postgresql installed but no initdb under /usr/lib/postgresql/*/bin")
    return binaries


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1; yields a SQLAlchemy URL of its ``postgres`` database."""
    binaries = ensure_installed()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="inspira-pg-"))
    data, port = folder / "data", free_port()
    if as_postgres:
        shutil.chown(folder, "postgres")
    try:
        subprocess.run([*as_postgres, str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                        str(folder / "server.log"), "-w", "start"], check=True, stdout=subprocess.DEVNULL)
        print(f"PostgreSQL {binaries.parent.name} on 127.0.0.1:{port} (cluster in {folder})", flush=True)
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                           check=False, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server_url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="test-postgres", description=__doc__.splitlines()[0])
    # One worker: the run's SMTP sink (--mail-listen) is one address, which a second worker cannot bind too.
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--portal-tests", action="store_true", help="also run tests/portal on PostgreSQL")
    parser.add_argument("--report-dir", default=str(ROOT / "reports"))
    parser.add_argument("pytest_args", nargs="*", help="after --: pytest arguments for the suite (-k …)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    status = 0
    with cluster() as server_url, tempfile.TemporaryDirectory(prefix="inspira-pg-portal-") as tmp:
        database_url = create_database(server_url, "inspira")
        token, sink = secrets.token_hex(16), f"127.0.0.1:{free_port()}"
        launcher = [sys.executable, "-m", "harness.cli", "serve"]
        with ReferencePortal(Path(tmp), control_token=token, smtp=sink, launcher=launcher,
                             extra_args=["--database-url", database_url]) as portal:
            command = [sys.executable, "-m", "harness.cli", "run", "--base-url", portal.base_url,
                       f"--control-token={token}", "--mail-listen", sink, "--workers", str(args.workers),
                       "--report-dir", args.report_dir]
            if args.pytest_args:
                command += ["--", *args.pytest_args]
            status = subprocess.run(command, cwd=ROOT, check=False).returncode
        if args.portal_tests:
            env = {**os.environ, "INSPIRA_TEST_POSTGRES_URL": server_url}
            portal_status = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/portal", "-n", "2"],
                                           cwd=ROOT, env=env, check=False).returncode
            status = status or portal_status
    print(f"test-postgres: {time.perf_counter() - started:.0f} s in all, exit status {status}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
