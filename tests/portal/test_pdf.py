"""« Voir/Imprimer PHP »: the application as a real PDF, for its owner only; any character is printable."""

import io

from pypdf import PdfReader

from reference_portal import pdf

from .support import login
from .test_applications import SECTION_DATA, fill_everything, start


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_voir_imprimer_returns_the_whole_application_as_pdf(client, control, candidate):
    opening = control.opening(title="Traducteur", prescreening_questions=["Maîtrisez-vous l'arabe ?"])
    base = start(client, opening)
    fill_everything(client, base)
    response = client.get(base + "/imprimer.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].startswith("inline")
    shown = pdf_text(response.data)
    assert f"{candidate['first_name']} {candidate['last_name']}" in shown
    assert opening["number"] in shown and "Traducteur" in shown
    assert "Maîtrisez-vous l'arabe ?" in shown and "Oui" in shown
    for section in ("Formation", "Expérience professionnelle", "Connaissances linguistiques",
                    "Compétences et formations", "Lettre de motivation - Références", "Vérifier Mon profil"):
        assert section in shown, section
    for values in SECTION_DATA.values():
        for value in values.values():
            if value:
                assert value in shown, value


def test_the_list_links_each_application_to_its_pdf(client, candidate):
    base = start(client)
    html = client.get("/candidatures").get_data(as_text=True)
    assert f'href="{base}/imprimer.pdf"' in html and ">Voir/Imprimer PHP</a>" in html
    assert 'target="_blank"' not in html


def test_only_the_owner_gets_the_pdf(client, control, candidate):
    base = start(client)
    client.post("/deconnexion")
    assert client.get(base + "/imprimer.pdf").status_code == 302  # signed out: to the sign-in page
    login(client, control.candidate())
    assert client.get(base + "/imprimer.pdf").status_code == 404


def test_characters_outside_latin1_do_not_break_the_printout(client, control, candidate):
    base = start(client)
    letter = "Łódź – « citation » “anglaise” œuvre 😀 Ελληνικά 東京 Ǆ\u200b fin"
    client.post(base + "/etape/7/lettre", data={"letter": letter, "action": "save"})
    response = client.get(base + "/imprimer.pdf")
    assert response.status_code == 200
    shown = pdf_text(response.data)
    assert "Lódz – « citation » “anglaise” œuvre ? ???????? ?? DZ fin" in shown


def test_printable_maps_to_close_equivalents():
    assert pdf.printable("Ştefan Łukasz — ‘ok’ … ﬁn") == "Stefan Lukasz — ‘ok’ … fin"
    assert pdf.printable("a\u00a0b\u2009c→d") == "a b c->d"
    assert pdf.printable("日本") == "??"
