"""Steps of section 7: « Contactez-nous » and the message to the Unite Service Desk."""

from __future__ import annotations

import secrets

from pytest_bdd import parsers, then, when

from fixtures.data import People
from fixtures.mail import MailSink, body_text
from steps.driver import Driver
from steps.pages import ContactForm

# The smallest valid PNG image (1×1 pixel): what a person attaches as a screenshot.
SCREENSHOT_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f6e3f40000000049454e44ae426082"
)
# What the guide calls each piece of information → the field's key in the portal profile.
CONTACT_FIELDS = {
    "nom complet": "contact_full_name",
    "code utilisateur": "contact_user_code",
}


def contact_form_values(people: People) -> dict[str, str]:
    person = people.person()
    job_id = secrets.randbelow(900000) + 100000
    return {
        "contact_full_name": f"{person.first_name} {person.last_name}",
        "contact_user_code": person.user_code,
        "contact_email": person.email,
        "contact_opening_number": f"26-Information Technology-ITECNET-{job_id}-R-New York (R)",
        "contact_steps": "1. Connexion 2. Rech. Emplois 3. Postuler : la page reste blanche",
        "contact_message": f"La page reste blanche après « Postuler » (demande {secrets.token_hex(3)}).",
    }


def fill_contact_form(driver: Driver, values: dict[str, str]) -> None:
    ContactForm(driver).fill(values)


@when(
    "je remplis le formulaire avec mon nom complet, mon code utilisateur, le numéro de l'appel à candidature, "
    "les étapes suivies et un message",
    target_fixture="contact_values",
)
def fill_form_as_candidate(driver: Driver, people: People, candidate: dict, opening: dict) -> dict[str, str]:
    values = contact_form_values(people)
    values.update(
        contact_full_name=f"{candidate['first_name']} {candidate['last_name']}",
        contact_user_code=candidate["user_code"],
        contact_email=candidate["email"],
        contact_opening_number=opening["number"],
    )
    fill_contact_form(driver, values)
    return values


@when("je joins une capture d'écran")
def attach_screenshot(driver: Driver) -> None:
    ContactForm(driver).attach_screenshot("erreur.png", SCREENSHOT_PNG)


@when("j'envoie le message")
def send(driver: Driver) -> None:
    ContactForm(driver).send()


@when(parsers.parse("je remplis le formulaire sans {missing}"), target_fixture="contact_values")
def fill_form_without(driver: Driver, people: People, missing: str) -> dict[str, str]:
    values = contact_form_values(people)
    values[CONTACT_FIELDS[missing]] = ""
    fill_contact_form(driver, values)
    return values


@then("une confirmation d'envoi s'affiche")
def confirmation_shown(driver: Driver) -> None:
    ContactForm(driver).expect_sent()


@then(
    "un courriel nommant mon code utilisateur et le numéro de l'appel à candidature, capture d'écran jointe, "
    "parvient au Unite Service Desk"
)
def service_desk_mail(mail: MailSink, contact_values: dict[str, str]) -> None:
    user_code, number = contact_values["contact_user_code"], contact_values["contact_opening_number"]

    def from_this_form(message) -> bool:
        text = (message["Subject"] or "") + "\n" + body_text(message)
        return user_code in text and number in text

    message = mail.wait_for(from_this_form)
    addressed_to = (message["X-Envelope-To"] or "").lower()
    assert contact_values["contact_email"].lower() not in addressed_to, (
        "the message went to the person who wrote it, not to the Unite Service Desk"
    )
    images = [part for part in message.iter_attachments() if part.get_content_maintype() == "image"]
    assert images and images[0].get_content() == SCREENSHOT_PNG, "the screenshot is not attached to the e-mail"


@then("le formulaire demande de ne pas révéler le mot de passe et de ne pas joindre de CV")
def warns_password_and_cv(driver: Driver) -> None:
    driver.expect_text("ne pas révéler votre mot de passe")
    driver.expect_text("ne pas joindre votre CV")


@then("il précise que le Unite Service Desk ne répond qu'aux questions d'ordre technique")
def technical_only(driver: Driver) -> None:
    driver.expect_text("questions d'ordre technique")


@then("il ne demande aucun mot de passe")
def no_password_field(driver: Driver) -> None:
    ContactForm(driver).expect_no_password_field()


@then(parsers.parse("l'envoi est refusé avec un message nommant le champ {missing}"))
def refused_naming_field(driver: Driver, missing: str) -> None:
    driver.expect_alert_naming(driver.field_label(CONTACT_FIELDS[missing]))


@then("ce que j'ai saisi dans les autres champs est conservé")
def typing_kept(driver: Driver, contact_values: dict[str, str]) -> None:
    ContactForm(driver).expect_values(contact_values)
