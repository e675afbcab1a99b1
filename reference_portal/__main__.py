"""``python -m reference_portal``: start the reference portal."""

from __future__ import annotations

import argparse

from reference_portal.config import ConfigurationError, ControlExposed, add_serve_arguments, serve_settings
from reference_portal.db import SchemaOutOfDate
from reference_portal.server import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m reference_portal", description="The inspira reference portal.")
    add_serve_arguments(parser)
    args = parser.parse_args(argv)
    try:
        settings = serve_settings(args)
    except ControlExposed as exc:
        parser.exit(2, f"{parser.prog}: {exc}\n")
    try:
        serve(**settings)
    except (SchemaOutOfDate, ConfigurationError) as exc:
        raise SystemExit(f"python -m reference_portal: {exc}") from None


if __name__ == "__main__":
    main()
