"""Steps that prove on the server the rules the page keeps by withholding an action (steps/probes.py): the
request the page sent, or would have sent, while the action was allowed is sent again once the rule forbids
it, and the page then shows that nothing changed. Each probe that takes effect when the rule allows it
(a positive control) shows the replay itself works on this portal, so a refusal is the rule's, not the
probe's."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from steps.applications import write_cover_letter
from steps.apply_rules import open_application
from steps.attachments import pdf_file
from steps.driver import Driver
from steps.pages import (
    APPLY,
    COVER_LETTER,
    SAVE_LETTER,
    SUBMIT,
    ApplicationFlow,
    AttachmentsArea,
    MyApplications,
    ProfilePage,
    SignIn,
)
from steps.probes import ServerProbes, cannot_probe

ATTACH_FILE = "joindre un fichier à la candidature"
SAVE_SEARCH = "enregistrer une recherche"
TERMS = "J'accepte ces conditions"
SAVED = "Votre candidature en cours a été enregistrée"


def _letter(tag: str) -> str:
    return f"Lettre {tag} {secrets.token_hex(4)} : je souhaite servir l'Organisation."


def save_letter_recorded(driver: Driver, probes: ServerProbes, text: str | None = None) -> str:
    """On the cover letter's page: the letter typed and « Enregistrer » pressed, its request kept."""
    if text is None:
        text = write_cover_letter(driver)
    else:
        ApplicationFlow(driver).write_letter(text)
    probes.names[COVER_LETTER] = probes.field_name(ApplicationFlow(driver).letter())
    with probes.recording(SAVE_LETTER):
        driver.click_button("Enregistrer")
    driver.expect_text(SAVED)
    return text


def save_letter_in_new_draft(driver: Driver, probes: ServerProbes) -> str:
    """A blank draft started, its cover letter saved (the request kept) and the saved message closed."""
    ApplicationFlow(driver).start_blank_draft()
    driver.go_to(COVER_LETTER)
    text = save_letter_recorded(driver, probes)
    driver.click_button("OK")
    return text


def replay_letter(driver: Driver, probes: ServerProbes, purpose: str) -> str:
    text = _letter("rejouée")
    name = probes.names.get(COVER_LETTER) or cannot_probe("the cover letter's field was never seen with a name")
    probes.replay(SAVE_LETTER, purpose, changes={name: text})
    probes.replayed[COVER_LETTER] = text
    return text


# -- learning the requests -------------------------------------------------------------------------------------
def record_letter_with_control(driver: Driver, probes: ServerProbes) -> str:
    """The letter saved from its section (request kept), then replayed while a draft: the positive control."""
    driver.go_to(COVER_LETTER)
    save_letter_recorded(driver, probes)
    driver.click_button("OK")
    letter = replay_letter(driver, probes, "enregistrer la lettre d'un brouillon (contrôle : doit être pris)")
    ApplicationFlow(driver).reload_expecting_letter(letter)
    return letter


def record_attachment_with_control(driver: Driver, probes: ServerProbes, tmp_path: Path) -> list[str]:
    """A file attached (request kept), then the upload replayed while a draft: the positive control."""
    path = pdf_file(tmp_path, f"annexe-{secrets.token_hex(3)}.pdf")
    attachments = AttachmentsArea(driver)
    file_input, add = attachments.file_input(), attachments.add_button()
    file_input.set_input_files(path)
    probes.names[ATTACH_FILE] = probes.field_name(file_input)
    with probes.recording(ATTACH_FILE, submitter=add, files={probes.names[ATTACH_FILE]: path}):
        add.click()
    attachments.expect_attached(path.name)
    control_copy = f"controle-{secrets.token_hex(3)}.pdf"
    probes.replay(ATTACH_FILE, "joindre un fichier à un brouillon (contrôle : doit être pris)",
                  changes={probes.names[ATTACH_FILE]: control_copy})
    driver.reload()
    attachments.expect_attached(control_copy)
    return [path.name, control_copy]


@when("j'enregistre une lettre de motivation et un fichier joint, requêtes notées", target_fixture="kept_before")
def letter_and_file_recorded(driver: Driver, probes: ServerProbes, tmp_path: Path) -> dict:
    kept = {"letter": record_letter_with_control(driver, probes),
            "files": record_attachment_with_control(driver, probes, tmp_path)}
    driver.go_to("Vérifier/soumettre")
    return kept


@when("je soumets ma candidature depuis l'étape « Vérifier/soumettre »")
def submit_from_review(driver: Driver, probes: ServerProbes) -> None:
    ApplicationFlow(driver, probes).submit()
    driver.expect_text("Nous avons bien reçu votre candidature")


@when("je prépare la soumission finale sans l'envoyer")
def prepare_submission(driver: Driver, probes: ServerProbes) -> None:
    """« Soumettre candidature », the box ticked, « Certifier et soumettre… » pressed: the request it sends is
    kept and never reaches the portal; then back to « Vérifier/soumettre »."""
    ApplicationFlow(driver, probes).prepare_final_submission(TERMS)


# -- probing ---------------------------------------------------------------------------------------------------
@when("je renvoie au portail l'enregistrement noté de la lettre de motivation, avec un autre texte")
def replay_letter_step(driver: Driver, probes: ServerProbes) -> None:
    replay_letter(driver, probes, "enregistrer la lettre une fois la règle en vigueur (doit être refusé)")


@when("je renvoie au portail l'ajout noté du fichier joint", target_fixture="refused_file")
def replay_attachment(probes: ServerProbes) -> str:
    late = f"apres-soumission-{secrets.token_hex(3)}.pdf"
    probes.replay(ATTACH_FILE, "joindre un fichier à une candidature soumise (doit être refusé)",
                  changes={probes.names[ATTACH_FILE]: late})
    return late


@when("je renvoie au portail la requête notée de « Postuler »")
def replay_apply(driver: Driver, probes: ServerProbes) -> None:
    replay_apply_and_follow(driver, probes, "« Postuler » une seconde fois après le retrait (ne doit rien créer)")


def replay_apply_and_follow(driver: Driver, probes: ServerProbes, purpose: str) -> None:
    """« Postuler » sent again; where the portal lets it through, the pages it leads to are followed as a person
    would (the question, a new application), so what the portal then stores is what it allowed."""
    result = probes.replay(APPLY, purpose)
    if result.location is not None:
        # The portal let it through: the scenario goes on as a person would, to see whether it stores a new one.
        ApplicationFlow(driver).follow_after_apply(result.location)
    elif 200 <= result.status < 300:
        # The portal answered with a page of its own: a refusal, or the question that comes before a new
        # application is stored. Shown in the browser and followed the same way, so either is told apart.
        probes.show(result)
        ApplicationFlow(driver).follow_after_apply(None)
    else:
        return
    probes.shown(f"le portail a laissé passer « Postuler » ; la page suivie : {driver.url}")


@when("je renvoie au portail la requête notée de la soumission")
@when("je renvoie au portail la soumission préparée")
def replay_submission(probes: ServerProbes) -> None:
    probes.replay(SUBMIT, "la soumission finale, envoyée sans passer par la page")


@when(parsers.parse("je renvoie au portail la soumission préparée, sans la case « {box} »"))
def replay_submission_unticked(probes: ServerProbes, box: str) -> None:
    name = probes.names.get(box) or cannot_probe(f"the box « {box} » was never seen with a name")
    probes.replay(SUBMIT, f"la soumission finale sans « {box} » (doit être refusée)", drop=(name,))


@when(parsers.parse("je force l'envoi du formulaire du bouton désactivé « {label} »"))
def force_disabled(driver: Driver, probes: ServerProbes, label: str) -> None:
    button = driver.button(label)
    expect(button).to_be_disabled()
    probes.force_form(button, f"« {label} » désactivé, son formulaire envoyé quand même")


@when(
    parsers.parse(
        "si les « Conditions générales » s'affichent, je coche « {box} » et je clique sur « {button} »"
    )
)
def accept_if_offered(driver: Driver, box: str, button: str) -> None:
    """What a person would do if the forced form led on: the page decides, the step only follows it."""
    if driver.is_on("Conditions générales") and driver.button(button).count():
        ApplicationFlow(driver).tick(box)
        driver.click_button(button)


@when("je vide le champ obligatoire « Lettre de motivation » et je clique sur « Enregistrer »")
def empty_letter(driver: Driver) -> None:
    driver.go_to(COVER_LETTER)
    ApplicationFlow(driver).write_letter("")
    driver.click_button("Enregistrer")
    driver.expect_text(SAVED)  # a draft is saved even incomplete: the section is stored empty
    ApplicationFlow(driver).reload_expecting_letter("")


@when("je remplis à nouveau « Lettre de motivation » et je clique sur « Enregistrer »")
def refill_letter(driver: Driver) -> None:
    """The mandatory field filled again, so the prepared submission, sent once more, may take effect: the
    positive control that shows its earlier refusal was the rule's."""
    text = f"Lettre de motivation reprise {secrets.token_hex(3)}"
    driver.go_to(COVER_LETTER)
    ApplicationFlow(driver).write_letter(text)
    driver.click_button("Enregistrer")
    driver.expect_text(SAVED)
    ApplicationFlow(driver).reload_expecting_letter(text)


@when("l'appel à candidature redevient ouvert")
def opening_reopens(control: ControlClient, opening: dict) -> None:
    control.update_opening(opening["id"], state="open")


# -- what the page shows afterwards ------------------------------------------------------------------------------
@then(parsers.parse("ma candidature à cet appel à candidature est toujours au statut « {status} »"))
@then(parsers.parse("ma candidature à cet appel à candidature est au statut « {status} »"))
def application_status_now(driver: Driver, probes: ServerProbes, opening: dict, status: str) -> None:
    MyApplications(driver).open()
    MyApplications(driver).expect_status(opening["number"], status)
    probes.shown(f"« Mes candidatures » : l'appel {opening['number']} au statut « {status} »")


@then("ma candidature garde la lettre de motivation et les seuls fichiers joints d'avant la soumission")
def content_kept(driver: Driver, probes: ServerProbes, opening: dict, kept_before: dict, refused_file: str) -> None:
    open_application(driver, opening)
    driver.go_to(COVER_LETTER)
    ApplicationFlow(driver).expect_letter(kept_before["letter"])
    AttachmentsArea(driver).expect_exactly(kept_before["files"], [refused_file])
    probes.shown("la lettre et les fichiers joints d'avant la soumission, inchangés ; aucun fichier ajouté")


@then(
    parsers.parse(
        "« Mes candidatures » montre ce projet au statut « {draft} » et aucune candidature au statut « {applied} »"
    )
)
def draft_only(driver: Driver, probes: ServerProbes, draft: str, applied: str) -> None:
    MyApplications(driver).open()
    MyApplications(driver).expect_counts({draft: 1, applied: 0})
    probes.shown(f"« Mes candidatures » : un projet « {draft} », aucune candidature « {applied} »")


# -- the session: nothing saved once it has ended, and activity keeps it going ------------------------------------
@when("je renvoie au portail l'enregistrement noté de la lettre de motivation", target_fixture="cover_letter")
def replay_letter_allowed(driver: Driver, probes: ServerProbes) -> str:
    """The positive control of the session's probe: while signed in, the replayed save is taken."""
    text = replay_letter(driver, probes, "enregistrer la lettre pendant la session (contrôle : doit être pris)")
    ApplicationFlow(driver).reload_expecting_letter(text)
    probes.shown("la lettre rejouée pendant la session est enregistrée")
    return text


# -- another candidate's application, and the anonymous visitor --------------------------------------------------
@given("le premier candidat a un projet de candidature dont il a enregistré la lettre, requête notée")
@when("le premier candidat enregistre la lettre de son projet de candidature, requête notée")
def owner_saves_draft(driver: Driver, probes: ServerProbes, owner: dict) -> None:
    MyApplications(driver).open()
    MyApplications(driver).open_draft()
    driver.go_to(COVER_LETTER)
    owner["draft_letter"] = save_letter_recorded(driver, probes, _letter("du premier candidat"))
    owner["draft_url"] = driver.url


@when("le second candidat renvoie au portail l'enregistrement noté du premier, avec un autre texte")
def intruder_replays_save(driver: Driver, probes: ServerProbes) -> None:
    # From a page of his own that has a form (back on « Accueil », then « Mon Profil »), so the request carries
    # his session's tokens, not the first's.
    driver.back()
    ProfilePage(driver).open()
    replay_letter(driver, probes, "le second candidat enregistre la lettre du premier (doit être refusé)")


@then("le projet du premier candidat garde sa lettre")
def owner_draft_kept(driver: Driver, probes: ServerProbes, owner: dict) -> None:
    SignIn(driver).sign_in_afresh(owner)
    driver.open(owner["draft_url"])
    ApplicationFlow(driver).expect_letter(owner["draft_letter"])
    probes.shown("le premier candidat, reconnecté, retrouve sa lettre inchangée")


@given("ce premier candidat a aussi un projet de candidature")
def owner_has_draft(control: ControlClient, owner: dict) -> None:
    control.call("POST", f"/candidates/{owner['id']}/applications", {})


@when(parsers.parse("il note l'adresse du lien « {link} » de cette candidature"))
def owner_notes_pdf(driver: Driver, owner: dict, link: str) -> None:
    MyApplications(driver).open()
    owner["pdf_url"] = MyApplications(driver).link_address(owner["opening"]["title"], link)


@when("il demande au portail le PDF noté, qui le lui donne")
def owner_fetches_pdf(probes: ServerProbes, owner: dict) -> None:
    """The positive control: the address noted gives its owner the PDF, so a refusal to another is the rule's."""
    witness = probes.fetch(owner["pdf_url"], "le PDF noté, demandé par son propriétaire (témoin)")
    if not witness.body.startswith(b"%PDF"):
        cannot_probe(f"the address noted ({urlsplit(owner['pdf_url']).path}) answered its owner {witness.status} "
                     "without a PDF, so a refusal to another candidate would prove nothing")


@when("le second candidat demande au portail le PDF noté du premier", target_fixture="intruder_answer")
def intruder_fetches_pdf(probes: ServerProbes, owner: dict):
    return probes.fetch(owner["pdf_url"], "le PDF de la candidature d'un autre candidat (doit être refusé)")


@then("le portail ne lui donne rien de la candidature du premier")
def nothing_of_owner(probes: ServerProbes, owner: dict, intruder_answer) -> None:
    assert not intruder_answer.body.startswith(b"%PDF"), (
        f"the portal answered {intruder_answer.status} with a PDF to another candidate"
    )
    for secret in (owner["letter"], owner["opening"]["title"]):
        assert secret not in intruder_answer.text, f"the portal showed another candidate {secret!r}"
    probes.shown(f"réponse {intruder_answer.status}, sans PDF ni rien de la candidature du premier candidat")


@when(
    "je parcours « Accueil », « Mon Profil », « Mes candidatures » et un projet de candidature, adresses notées",
    target_fixture="visited",
)
def visit_own_pages(driver: Driver) -> list[str]:
    visited = [driver.url]
    for link in ("Mon Profil", "Mes candidatures"):
        driver.click_link(link)
        visited.append(driver.url)
    ApplicationFlow(driver).start_blank_draft()
    return [*visited, driver.url]


@when("je quitte le portail en effaçant les cookies du navigateur")
def forget_cookies(driver: Driver) -> None:
    driver.forget_cookies()


def leads_to_sign_in(driver: Driver, probes: ServerProbes, url: str, private: list[str]) -> None:
    """The portal's own answer first (no script of the page can hide what it holds), then the page."""
    password = driver.field_label("login_password")
    answer = probes.fetch(url, "une page du candidat demandée sans connexion (doit mener à la connexion)")
    leaked = [value for value in private if value in answer.text]
    assert not leaked, f"without a sign-in, {urlsplit(url).path} answered {answer.status} showing {leaked}"
    assert answer.status != 200 or password in answer.text, (
        f"without a sign-in, {urlsplit(url).path} answered 200 with a page that is not the sign-in page"
    )
    driver.open(url)
    SignIn(driver).expect_form()
    for value in private:
        expect(driver.shown_text(value)).to_have_count(0)
    probes.shown(f"réponse {answer.status} sans rien du candidat ; la page de connexion ({driver.url})")


@then("chacune de ces adresses, demandée au portail, mène à la page de connexion sans rien montrer du candidat")
def each_leads_to_sign_in(driver: Driver, probes: ServerProbes, candidate: dict, visited: list[str]) -> None:
    for url in visited:
        leads_to_sign_in(driver, probes, url, [v for v in (candidate.get("last_name"), candidate.get("email")) if v])


# -- the limit of saved searches ------------------------------------------------------------------------------------
@when(parsers.parse("je renvoie au portail l'enregistrement noté de la dernière recherche, sous le nom « {name} »"))
def replay_saved_search(probes: ServerProbes, name: str) -> None:
    field = probes.names.get("search_name") or cannot_probe("the saved search's name field was never seen")
    probes.replay(SAVE_SEARCH, f"enregistrer la recherche « {name} »", changes={field: name})


# -- the three options, withdrawal, a submitted application's letter -----------------------------------------------
CHOOSE_OPTION = "choisir comment commencer la candidature"
WITHDRAW = "Confirmer le retrait"
REUSE = "Reprendre une candidature existante ou précédente"


@when(parsers.parse("je prépare le choix « {option} » sans l'envoyer"))
def prepare_option(driver: Driver, probes: ServerProbes, option: str) -> None:
    chosen, reuse_value = ApplicationFlow(driver).prepare_choice(option, REUSE)
    probes.names["option"] = probes.field_name(chosen)
    probes.names[REUSE] = reuse_value or cannot_probe(f"the option « {REUSE} » has no value")
    with probes.capturing(CHOOSE_OPTION):
        driver.click_button("Suivant")


@when(parsers.parse("je renvoie au portail ce choix, changé en « {option} »"))
def replay_other_option(probes: ServerProbes, option: str) -> None:
    probes.replay(CHOOSE_OPTION, f"« {option} », que la page n'offrait pas (doit être refusé)",
                  changes={probes.names["option"]: probes.names[option]})


@when("je renvoie au portail ce choix tel quel")
def replay_option(probes: ServerProbes) -> None:
    probes.replay(CHOOSE_OPTION, "le choix que la page offrait (contrôle : doit être pris)")


@then("« Mes candidatures » ne montre aucune candidature")
def no_application_listed(driver: Driver, probes: ServerProbes) -> None:
    MyApplications(driver).open()
    expect(MyApplications(driver).count_with_status("Brouillon")).to_have_count(0)
    probes.shown("« Mes candidatures » : aucune candidature")


@when("je prépare le retrait de ma candidature sans l'envoyer")
def prepare_withdrawal(driver: Driver, probes: ServerProbes) -> None:
    driver.click_button("Retirer ma candidature")
    with probes.capturing(WITHDRAW):
        driver.click_button(WITHDRAW)


@when("je renvoie au portail le retrait préparé")
def replay_withdrawal(probes: ServerProbes) -> None:
    probes.replay(WITHDRAW, "le retrait d'une candidature « Sélectionné » (doit être refusé)")


@then("la lettre de motivation n'a pas pris le texte renvoyé")
def letter_unchanged(driver: Driver, probes: ServerProbes) -> None:
    field = ApplicationFlow(driver).letter()
    expect(field).not_to_have_value(probes.replayed[COVER_LETTER])
    expect(field).not_to_have_value("")
    probes.shown("la lettre de la candidature soumise est celle d'avant")


@when("il joint un fichier dans la section « Mes pièces jointes » et en note l'adresse")
def owner_attaches(driver: Driver, owner: dict, tmp_path: Path) -> None:
    path = pdf_file(tmp_path, f"confidentiel-{secrets.token_hex(3)}.pdf")
    AttachmentsArea(driver, mine=True).attach(path)
    owner["file"] = {"url": AttachmentsArea(driver, mine=True).file_address(path.name), "content": path.read_bytes()}


@when("il demande au portail le fichier noté, qui le lui donne")
def owner_fetches_file(probes: ServerProbes, owner: dict) -> None:
    witness = probes.fetch(owner["file"]["url"], "le fichier noté, demandé par son propriétaire (témoin)")
    if owner["file"]["content"] not in witness.body:
        cannot_probe(f"the address noted for the file ({urlsplit(owner['file']['url']).path}) answered its owner "
                     f"{witness.status} without it, so a refusal to another candidate would prove nothing")


@when("le second candidat demande au portail le fichier joint noté du premier", target_fixture="intruder_file")
def intruder_fetches_file(probes: ServerProbes, owner: dict):
    return probes.fetch(owner["file"]["url"], "le fichier joint d'un autre candidat (doit être refusé)")


@then("le portail ne lui donne pas ce fichier")
def file_not_given(probes: ServerProbes, owner: dict, intruder_file) -> None:
    assert owner["file"]["content"] not in intruder_file.body, (
        f"the portal answered {intruder_file.status} with another candidate's file"
    )
    probes.shown(f"réponse {intruder_file.status}, sans le fichier du premier candidat")


# -- roster-only openings: the request of an eligible candidate, sent by one who is not --------------------------------
@given(parsers.parse("un candidat de la liste au niveau {level} de la famille « {family} »"), target_fixture="listed")
def listed_candidate(provision, control: ControlClient, level: str, family: str) -> dict:
    listed = provision.candidate("complete")
    control.add_to_roster(listed["id"], level, family)
    return listed


@when("le candidat de la liste ouvre cet appel à candidature et prépare « Postuler » sans l'envoyer")
def listed_prepares_apply(
    driver: Driver, probes: ServerProbes, listed: dict, opening: dict, target, signed_in_states: dict
) -> None:
    from steps.common import signed_in

    signed_in(driver, listed, target, signed_in_states)
    ApplicationFlow(driver).open_opening(opening)
    with probes.capturing(APPLY):
        driver.click_button("Postuler")


@when("je me connecte en tant que ce candidat, qui ne figure sur aucune liste")
def sign_in_as_unlisted(driver: Driver, candidate: dict, target, signed_in_states: dict) -> None:
    from steps.common import signed_in

    driver.forget_cookies()
    signed_in(driver, candidate, target, signed_in_states)


@when("je renvoie au portail la requête « Postuler » préparée, depuis « Mon Profil »")
def unlisted_replays_apply(driver: Driver, probes: ServerProbes) -> None:
    ProfilePage(driver).open()  # a page of this candidate's own, with a form: its session's tokens
    replay_apply_and_follow(driver, probes, "« Postuler » d'un candidat hors de la liste (ne doit rien créer)")
