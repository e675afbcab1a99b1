"""Deterministic shards: ``--shard I/N`` runs shard I of N of the selected scenarios.

With recorded durations (``durations.json``, test ID → seconds, written by every run), the scenarios are
dealt longest first, each to the shard with the least time so far (the greedy split pytest-split calls
"least duration"); a scenario with no record counts as the median of those that have one. Without
durations, a test ID's hash picks its shard. Either way the split depends only on the test IDs and the
durations file, so every CI machine given the same file computes the same partition without talking to
the others, and the union of the N shards is exactly the unsharded run.
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

_SPEC = re.compile(r"^(\d+)/(\d+)$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    total: int

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"

    def owns(self, test_id: str) -> bool:
        digest = int.from_bytes(hashlib.sha256(test_id.encode("utf-8")).digest()[:8], "big")
        return digest % self.total == self.index - 1


def parse_shard(spec: str) -> Shard:
    match = _SPEC.match(spec.strip())
    if not match:
        raise ValueError(f"expected I/N (for example 1/4), got {spec!r}")
    index, total = int(match[1]), int(match[2])
    if total < 1 or not 1 <= index <= total:
        raise ValueError(f"shard {spec!r}: I must be between 1 and N, and N at least 1")
    return Shard(index, total)


def balanced_split(test_ids: Iterable[str], total: int, durations: Mapping[str, float]) -> dict[str, int]:
    """Test ID → 1-based shard, balancing the shards' summed durations."""
    ids = sorted(set(test_ids))
    known = [float(durations[t]) for t in ids if t in durations]
    fallback = statistics.median(known) if known else 1.0
    cost = {t: float(durations.get(t, fallback)) for t in ids}
    loads = [0.0] * total
    owner: dict[str, int] = {}
    for test_id in sorted(ids, key=lambda t: (-cost[t], t)):
        shard = min(range(total), key=lambda i: (loads[i], i))
        loads[shard] += cost[test_id]
        owner[test_id] = shard + 1
    return owner


class DurationsError(ValueError):
    """A durations file that cannot be used; the message names it."""


def load_durations(path: Path) -> dict[str, float]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DurationsError(f"durations file {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise DurationsError(f"durations file {path}: not JSON ({exc})") from None
    if not isinstance(data, dict) or not all(isinstance(v, int | float) for v in data.values()):
        raise DurationsError(f"durations file {path}: expected an object of test ID → seconds")
    return {str(k): float(v) for k, v in data.items()}
