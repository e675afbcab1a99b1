"""The load part of the benchmark: one gunicorn, catalogues of growing size, step pages, the trivial endpoint."""

from __future__ import annotations

import tempfile
from pathlib import Path

from reference_portal.rules.statuses import Status
from tests.bench.load import SEARCHES, STEP_PAGES, Server, hammer, profile_search, seed_openings, signed_in_cookie


def run_load(sizes: list[int], clients: int, seconds: float, server_workers: int, database_url: str | None,
             out_dir: Path, log=print) -> dict:  # noqa: ANN001 (a print-like function)
    with tempfile.TemporaryDirectory(prefix="inspira-bench-") as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        seed_openings(url, 0)  # the schema, before several server processes start on it
        result: dict = {"clients": clients, "seconds_per_measure": seconds, "server_workers": server_workers,
                        "database": url.split(":", 1)[0], "search": {}}
        with Server(url, server_workers, out_dir / "bench-gunicorn.log") as server:
            sessions = [signed_in_cookie(server) for _ in range(clients)]
            cookies = [cookie for cookie, _ in sessions]
            for size in sizes:
                took = seed_openings(url, size)
                log(f"  catalogue of {size:,} openings seeded in {took:.1f} s; searching…")
                rotation = [[*SEARCHES[i % len(SEARCHES):], *SEARCHES[: i % len(SEARCHES)]] for i in range(clients)]
                measure = hammer(f"search@{size}", server.port, rotation, cookies, seconds)
                result["search"][str(size)] = measure.summary()
                log(f"    {measure.summary()}")
            first_opening = 300000
            steps = []
            for index, (_, candidate) in enumerate(sessions):
                application = server.control("POST", f"/candidates/{candidate['id']}/applications",
                                             opening_id=first_opening + index, status=Status.DRAFT)
                steps.append([f"/candidatures/{application['id']}{page}" for page in STEP_PAGES])
            measure = hammer("steps", server.port, steps, cookies, seconds)
            result["steps"] = measure.summary()
            log(f"  step pages: {measure.summary()}")
            measure = hammer("trivial", server.port, [["/health"]] * clients, cookies, seconds)
            result["trivial"] = measure.summary()
            log(f"  trivial endpoint (/health): {measure.summary()}")
        profile = profile_search(url, SEARCHES[-1])
        (out_dir / "bench-search-profile.txt").write_text(profile, encoding="utf-8")
        result["profile"] = str(out_dir / "bench-search-profile.txt")
    return result


if __name__ == "__main__":
    import json
    import sys

    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "100,10000,100000").split(",")]
    print(json.dumps(run_load(sizes, 16, 5, 3, None, Path("/tmp/reports-bench")), indent=1))
