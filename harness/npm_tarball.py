"""One file of an npm package, fetched from the registry once, checked against its pinned integrity.

The harness takes two things from npm that PyPI does not carry: axe-core's engine (harness/axe.py) and
Cucumber's messages schema (tests/harness/cucumber_schema.py). Each is pinned by version and by the sha512
integrity the registry publishes; the tarball is downloaded into ``.venv/`` (``make setup``) and read in
memory. A download or integrity failure is an error with one line saying why, never a silent skip.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path


class TarballUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class PinnedTarball:
    url: str
    integrity: str  # "sha512-…", as the registry's package metadata gives it
    member: str  # the file wanted inside the tarball
    cache: Path
    unavailable: type[TarballUnavailable] = TarballUnavailable  # the caller's own kind of error

    def _verified(self, data: bytes) -> bytes:
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if digest != self.integrity:
            raise self.unavailable(f"{self.url}: integrity {digest} is not the pinned {self.integrity}")
        return data

    def ensure(self, cache: Path | None = None) -> Path:
        """The verified tarball on disk, downloaded if missing or corrupt."""
        cache = cache or self.cache
        if cache.exists():
            try:
                self._verified(cache.read_bytes())
                return cache
            except TarballUnavailable:
                cache.unlink()
        try:
            with urllib.request.urlopen(self.url, timeout=60) as response:
                data = self._verified(response.read())
        except OSError as error:
            raise self.unavailable(
                f"cannot download {self.url}: {error}; check access to registry.npmjs.org"
            ) from error
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(data)
        return cache

    def read_member(self, cache: Path | None = None) -> bytes:
        """The pinned file's bytes, from the verified tarball."""
        data = self._verified(self.ensure(cache).read_bytes())
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            member = archive.extractfile(self.member)
            if member is None:
                raise self.unavailable(f"{self.url} has no {self.member}")
            return member.read()
