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
    "sign_in_button": "the sign-in form's button reads « Se connecter » (the guide's « Connexion » is the Careers "
                      "site's link; it words no button of the form)",
    "issued_user_code": "« Inscription » issues the user code and shows it on a page « Compte créé » with a link to "
                        "sign in; the form has no user-code field (section 1 says neither who makes the code nor "
                        "where « Inscription » leads)",
    "headings": "the site's name is the page's h1 and each page's title an h2; the sign-in page is titled "
                "« Authentification » (the guide fixes labels, not heading levels or page titles)",
    "contact_page": "the « Contactez-nous » page is titled « Demande d'assistance technique » and asks a mandatory "
                    "« Objet de la demande » beside what section 7 lists (the guide names the link, not the page)",
    "account_wording": "the sign-in, recovery, new-password and « Coordonnées » fields, their buttons and the session "
                       "warning are worded otherwise; the profile's tabs are ARIA tabs (the guide names the links "
                       "and tabs, not these controls)",
    "lookups": "a look-up field is a plain text box followed by an icon-only 🔍 button that opens its list of "
               "values, one « Sélectionner » button per value, no suggestions as one types (3.vii remark and "
               "FAQ x describe the 🔍 icon and its list, not how the text box helps)",
    "offline_form": "the offline application form is an XLSX workbook, downloaded from « Accueil » and put online "
                    "with « Mettre en ligne à partir d'un fichier » (3.v option #3 fixes no format)",
    "attachment_limit": "« inférieure à 1 Mb » read as 1 000 000 bytes: 999 999 accepted, 1 000 000 refused "
                        "(FAQ vii does not say which megabyte)",
    "messages": "its own wording of the refusals the guide does not word (a file too large, a file's name, the "
                "deadline passed, an opening for roster candidates only)",
    "jobs_and_alerts": "« Rech. Emplois » and the saved searches have other headings and levels, and other words "
                       "for the controls the guide does not name (a search's name, its state, a per-row "
                       "« Supprimer la recherche … » button); the guide's own labels are kept",
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


class UnknownVariant(ValueError):
    """VARIANT names no variant of the portal."""


def check(variant: str) -> str:
    if variant not in VARIANTS:
        raise UnknownVariant(f"unknown portal variant {variant!r}: expected one of {', '.join(VARIANTS)}")
    return variant


def init_app(app: Flask) -> None:
    """Before the blueprints are registered: alt's templates first, and ``variant`` in every template."""
    variant = check(app.config.get("VARIANT", "reference"))
    app.jinja_env.globals["variant"] = variant
    if variant == "alt":
        from reference_portal import i18n, messages

        i18n.reword(app, messages.ALT_WORDING)
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
