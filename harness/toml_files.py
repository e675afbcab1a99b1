"""Reading a TOML file the user names (a profile, an expectations file): every way it can be unusable is one
line naming the file and what to do, raised as the caller's own error."""

from __future__ import annotations

import tomllib
from pathlib import Path


def read_toml(path: Path, kind: str, error: type[Exception]) -> dict:
    """The file's data; ``kind`` names it in messages (« profile », « expectations file »)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such {kind}") from None
    except IsADirectoryError:
        raise error(f"{path}: a directory, not a {kind}") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (byte {exc.start}); save the {kind} as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML ({exc})") from None
