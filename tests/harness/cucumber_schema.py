"""Cucumber's published JSON Schema for its messages, fetched from the npm registry and checked.

The Python ``cucumber-messages`` package carries dataclasses but not the schema; the npm package
``@cucumber/messages`` of the same version ships ``messages.schema.json`` (one Envelope schema with every
message in ``$defs``). The tarball is downloaded once into ``.venv/``, verified against the registry's
published sha512 integrity pinned here, and read in memory; a download or integrity failure is an error,
never a skipped check.

    python -m tests.harness.cucumber_schema    # fetch (idempotent) and print where it is
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from harness.npm_tarball import PinnedTarball, TarballUnavailable
from harness.paths import PROJECT_ROOT

VERSION = "34.2.0"  # the same version as the cucumber-messages pin in pyproject.toml
URL = f"https://registry.npmjs.org/@cucumber/messages/-/messages-{VERSION}.tgz"
INTEGRITY = "sha512-6X6T1TApmbQNqxC0Oh3GcnLU+gfE5fp+cEXE/ml6+Ldx76Q6BDmkgM5vagSSDXP+vetPV2Fb0kWVeP7QIR6+Aw=="
MEMBER = "package/messages.schema.json"
CACHE = PROJECT_ROOT / ".venv" / f"cucumber-messages-{VERSION}.tgz"


class SchemaUnavailable(TarballUnavailable):
    pass


TARBALL = PinnedTarball(URL, INTEGRITY, MEMBER, CACHE, SchemaUnavailable)


def ensure(cache: Path = CACHE) -> Path:
    """The verified tarball on disk, downloaded if missing or corrupt."""
    return TARBALL.ensure(cache)


def load(cache: Path = CACHE) -> dict:
    """The Envelope schema (draft 2020-12) of Cucumber Messages ``VERSION``."""
    return json.loads(TARBALL.read_member(cache))


if __name__ == "__main__":
    try:
        print(f"cucumber messages schema {VERSION}: {ensure()}")
    except SchemaUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(3)
