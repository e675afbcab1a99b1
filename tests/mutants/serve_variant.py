"""Serve one broken variant of the reference portal: ``python tests/mutants/serve_variant.py NAME [serve options]``.

It applies the variant's patch and template overrides in this process only, then serves exactly as
``python -m reference_portal`` does.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from jinja2 import BaseLoader  # noqa: E402
from variants import by_name  # noqa: E402


class OverridingLoader(BaseLoader):
    """Serves the portal's templates with a variant's text replacements applied."""

    def __init__(self, inner: BaseLoader, replacements: dict[str, tuple[tuple[str, str], ...]]) -> None:
        self.inner = inner
        self.replacements = replacements

    def get_source(self, environment, template):
        source, filename, uptodate = self.inner.get_source(environment, template)
        for old, new in self.replacements.get(template, ()):
            if old not in source:
                raise RuntimeError(f"variant cannot apply: {old!r} is not in {template}")
            source = source.replace(old, new)
        return source, filename, uptodate

    def list_templates(self):
        return self.inner.list_templates()


def main(argv: list[str]) -> None:
    variant = by_name(argv[0])
    variant.patch()
    from reference_portal import __main__ as portal_main
    from reference_portal import server

    if variant.templates:
        create_app = server.create_app

        def create_broken_app(config):
            app = create_app(config)
            app.jinja_env.loader = OverridingLoader(app.jinja_env.loader, variant.templates)
            return app

        server.create_app = create_broken_app
    portal_main.main([*argv[1:], *variant.serve_args])


if __name__ == "__main__":
    main(sys.argv[1:])
