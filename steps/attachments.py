"""Steps for attachments (FAQ vii) and « Mes pièces jointes » (FAQ ix). Files are made here, in tmp_path."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from fixtures.control import ControlClient
from harness.verdicts import NOT_APPLICABLE_PREFIX
from steps.driver import Driver
from steps.pages import AttachmentsArea

# The guide does not word a refusal: its text is checked only where the profile gives it ([messages]).
REFUSAL_MESSAGES = {"sa taille": "attachment_too_large", "son nom": "attachment_bad_name"}


def pdf_file(folder: Path, name: str, size: int = 2048) -> Path:
    head, tail = b"%PDF-1.4\n%", b"\n%%EOF\n"  # a PDF's first and last bytes: portals may check both
    path = folder / secrets.token_hex(4) / name
    path.parent.mkdir()
    path.write_bytes(head + b"0" * (size - len(head) - len(tail)) + tail)
    return path


def stored_names(control: ControlClient, candidate: dict) -> list[str]:
    return [a["filename"] for a in control.call("GET", f"/candidates/{candidate['id']}/attachments")["attachments"]]


@given("une candidature soumise de ce candidat", target_fixture="submitted")
def submitted_application(control: ControlClient, candidate: dict) -> dict:
    opening = control.create_opening(title=f"Juriste {secrets.token_hex(3).upper()}")
    body = {"opening_id": opening["id"], "status": "Postulé"}
    return control.call("POST", f"/candidates/{candidate['id']}/applications", body)


@given(parsers.parse("j'ai joint le fichier « {filename} »"))
def already_attached(driver: Driver, tmp_path: Path, filename: str) -> None:
    AttachmentsArea(driver).attach(pdf_file(tmp_path, filename))
    AttachmentsArea(driver).expect_attached(filename)


@when(parsers.parse("je joins un fichier PDF de {size:d} octets nommé « {filename} »"), target_fixture="uploaded")
def attach_pdf(driver: Driver, tmp_path: Path, size: int, filename: str) -> str:
    AttachmentsArea(driver).attach(pdf_file(tmp_path, filename, size))
    return filename


@given("le profil du portail déclare la limite exacte de taille des pièces jointes", target_fixture="size_limit")
def declared_size_limit(driver: Driver) -> int:
    limit = driver.profile.reading("attachment_limit_bytes")
    if limit is None:
        pytest.skip(f"{NOT_APPLICABLE_PREFIX}the profile declares no exact size limit "
                    "(readings.attachment_limit_bytes); files clearly under and over 1 Mb are tried instead")
    return int(limit)


@when(parsers.re(r"je joins un fichier PDF (?P<size>d'un octet de moins que la limite|de la taille de la limite) "
                 r"nommé « (?P<filename>[^»]+) »"), target_fixture="uploaded")
def attach_pdf_at_limit(driver: Driver, tmp_path: Path, size_limit: int, size: str, filename: str) -> str:
    sizes = {"d'un octet de moins que la limite": size_limit - 1, "de la taille de la limite": size_limit}
    return attach_pdf(driver, tmp_path, sizes[size], filename)


@then("le fichier est accepté")
def accepted(driver: Driver, control: ControlClient, candidate: dict, uploaded: str) -> None:
    AttachmentsArea(driver).expect_attached(uploaded)
    assert uploaded in stored_names(control, candidate)


@then(parsers.parse("le fichier est refusé avec un message sur {subject}"))
def refused(driver: Driver, control: ControlClient, candidate: dict, uploaded: str, subject: str) -> None:
    worded = driver.profile.message(REFUSAL_MESSAGES[subject])
    if worded is None:  # only the refusal itself: some message, and nothing of the file kept
        driver.expect_some_alert()
    else:
        driver.expect_alert_naming(worded)
    AttachmentsArea(driver).expect_count(uploaded, 0)
    assert uploaded not in stored_names(control, candidate)


@then(parsers.parse("le fichier « {filename} » est toujours joint"))
def still_attached(driver: Driver, control: ControlClient, candidate: dict, filename: str) -> None:
    AttachmentsArea(driver).expect_attached(filename)
    assert stored_names(control, candidate).count(filename) == 1


@when(parsers.parse("je joins le fichier « {filename} » dans la section « Mes pièces jointes »"))
def attach_to_mine(driver: Driver, tmp_path: Path, filename: str) -> None:
    AttachmentsArea(driver, mine=True).attach(pdf_file(tmp_path, filename))


@then(parsers.parse("le fichier « {filename} » apparaît dans la section « Mes pièces jointes »"))
def listed_in_mine(driver: Driver, filename: str) -> None:
    AttachmentsArea(driver, mine=True).expect_attached(filename)


@then(parsers.parse("les équipes de recrutement peuvent consulter le fichier « {filename} »"))
def recruiters_see(control: ControlClient, candidate: dict, filename: str) -> None:
    found = control.call("GET", f"/candidates/{candidate['id']}/attachments")["attachments"]
    assert [a for a in found if a["filename"] == filename and a["visible_to_recruiters"]], found


@then("la section « Mes pièces jointes » indique qu'un CV ne remplace pas une candidature soumise")
def cv_note(driver: Driver) -> None:
    AttachmentsArea(driver, mine=True).expect_cv_note()
