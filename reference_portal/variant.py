"""The portal's variants: the reference one, and ``alt``, a second portal that conforms to the guide just as
well but differs from the reference wherever the guide leaves a choice open (issue 14).

``alt`` exists so the harness is proven on a portal it was not written against: if a step leans on something
the reference portal happens to do (a URL, a heading level, a wording the guide never gives), the whole suite
run against ``alt`` with its own profile (fixtures/profiles/alt-fr.toml) fails. Its differences are listed in
``ALT_DIFFERENCES``; each is the reading a vendor could make of the guide as well as ours.

Mechanics: ``alt``'s templates live in templates/alt/ and are looked up first (a template it does not override
is the reference one), every candidate-facing blueprint is mounted under ``ALT_PREFIX``, and templates and views
may ask ``is_alt()`` for the few differences that are behaviour rather than markup.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, current_app, redirect
from jinja2 import ChoiceLoader, FileSystemLoader

VARIANTS = ("reference", "alt")
ALT_PREFIX = "/espace-candidat"
ALT_TEMPLATES = Path(__file__).parent / "templates" / "alt"

# Where alt differs, each a choice the guide leaves open (see fixtures/profiles/alt-fr.toml for how a profile
# states them). Kept here so the README and tests name the same list.
ALT_DIFFERENCES = {
    "urls": f"every candidate page lives under {ALT_PREFIX}/ (the guide gives no address)",
    "one_page_application": "an application's sections and sub-sections on one page, each a region with its own "
    "form, « Enregistrer » and « Suivant », reached by in-page anchors named as the guide names them; "
    "« Vérifier/soumettre » its own page (the guide lists the sections and their order, not how pages split them)",
    "step_numbers": "only « Vérifier/soumettre » says « Étape 8 sur 8 » (the only step number the guide gives, FAQ i)",
    "row_links": "in « Mes candidatures », a draft opens with an icon-only pencil « Modifier le dossier n° N » "
    "(aria-label), a submitted application with « Voir la candidature TITLE » (the guide names neither link)",
    "application_wording": "the application pages' own headings and levels (« Dossier de candidature », "
    "« Vérifier/soumettre » as the page title, page titles h2 under the site-wide h1, sections h3, sub-sections h4) "
    "and attachment buttons « Ajouter la pièce jointe » / "
    "« Déposer le fichier » (the guide names none of them)",
}


def is_alt() -> bool:
    return current_app.config.get("VARIANT") == "alt"


def check(variant: str) -> str:
    from reference_portal.config import ConfigurationError

    if variant not in VARIANTS:
        raise ConfigurationError(f"unknown portal variant {variant!r}: expected one of {', '.join(VARIANTS)}")
    return variant


def init_app(app: Flask) -> None:
    """Before the blueprints are registered: alt's templates first, and ``variant`` in every template."""
    variant = check(app.config.get("VARIANT", "reference"))
    app.jinja_env.globals["variant"] = variant
    if variant == "alt":
        # Flask's environment asks app.jinja_loader at each look-up, so alt's folder is searched first.
        app.jinja_loader = ChoiceLoader([FileSystemLoader(str(ALT_TEMPLATES)), app.jinja_loader])  # type: ignore[list-item]

        @app.get("/")
        def careers_site():  # the Careers site's address stays the root, its pages move
            return redirect(f"{ALT_PREFIX}/")


def register(app: Flask, blueprint: Blueprint) -> None:
    """A candidate-facing blueprint, mounted where this variant puts its pages."""
    if app.config.get("VARIANT", "reference") == "alt":
        app.register_blueprint(blueprint, url_prefix=ALT_PREFIX + (blueprint.url_prefix or ""))
    else:
        app.register_blueprint(blueprint)
