"""Deterministic shards: ``--shard I/N`` runs the scenarios whose test ID hashes to shard I of N.

The split depends only on the test IDs, so every CI machine computes the same partition without
talking to the others, and the union of the N shards is exactly the unsharded run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

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
