"""The offline form: the blank CSV from « Accueil », and option 3 « Mettre en ligne à partir d'un fichier »."""

import csv
import io

from reference_portal import offline_form
from reference_portal.rules.sections import SECTIONS

from .support import text

VALUES = {
    ("Formation", "Nom de l'établissement"): "Université de Dakar",
    ("Formation", "Diplôme"): "Master",
    ("Formation", "Année d'obtention"): "2012",
    ("Expérience professionnelle", "Date de début (mm/aaaa)"): "09/2015",
    ("Expérience professionnelle", "Attributions"): "Rédiger des avis ;\nconseiller la direction.",
    ("Connaissances linguistiques", "Langue"): "Français",
    ("Lettre de motivation – Lettre de motivation et pièces-jointes", "Lettre de motivation"): "Madame, Monsieur…",
    ("Lettre de motivation – Références", "Adresse email de la référence"): "awa@exemple.org",
}


def download(client) -> bytes:
    response = client.get("/candidatures/formulaire-hors-ligne.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return response.data


def filled(blank: bytes, values: dict, delimiter: str = ";") -> bytes:
    rows = list(csv.reader(io.StringIO(blank.decode("utf-8-sig")), delimiter=";"))
    for row in rows:
        if (row[0], row[1]) in values:
            row[2] = values[(row[0], row[1])]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def upload(client, data: bytes, filename: str = "mon-formulaire.csv"):
    assert client.post("/candidatures/nouvelle", data={"origin": "Presse"}).status_code == 302
    chosen = client.post("/candidatures/nouvelle/options", data={"choice": "upload"})
    assert chosen.headers["Location"] == "/candidatures/nouvelle/fichier"
    return client.post(
        "/candidatures/nouvelle/fichier",
        data={"offline_form": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_home_page_links_to_the_blank_form(client, candidate):
    html = client.get("/accueil").get_data(as_text=True)
    assert 'href="/candidatures/formulaire-hors-ligne.csv"' in html
    assert "Télécharger le formulaire de candidature hors ligne" in html


def test_blank_form_lists_exactly_the_sections_fields(client, candidate):
    blank = download(client)
    assert blank.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(blank.decode("utf-8-sig")), delimiter=";"))
    header = rows.index(list(offline_form.HEADER))
    assert all(row[0].startswith("#") for row in rows[:header])
    listed = [(row[0], row[1]) for row in rows[header + 1:]]
    declared = [(offline_form.section_label(s), f.label) for s in SECTIONS for f in s.fields]
    assert listed == declared and all(row[2] == "" for row in rows[header + 1:])
    assert "Langue maternelle" in next(row[3] for row in rows if row[1] == "Niveau")


def test_download_needs_sign_in(client):
    assert client.get("/candidatures/formulaire-hors-ligne.csv").status_code == 302


def test_upload_starts_a_draft_with_the_forms_values(client, control, candidate):
    response = upload(client, filled(download(client), VALUES))
    assert response.status_code == 302 and "/etape/2" in response.headers["Location"]
    (application,) = control.applications(candidate["id"])
    sections = application["sections"]
    assert application["status"] == "Brouillon" and application["opening_id"] is None
    education = sections["education"][0]
    assert education["institution"] == "Université de Dakar" and education["degree"] == "Master"
    assert education["graduation_year"] == 2012 and education["field_of_study"] is None
    assert sections["experience"][0]["duties"] == "Rédiger des avis ;\nconseiller la direction."
    assert sections["languages"][0]["language"] == "Français"
    assert sections["references"][0]["reference_email"] == "awa@exemple.org"
    assert sections["skills"] == []


def test_a_comma_separated_resave_is_read_too(client, control, candidate):
    response = upload(client, filled(download(client), VALUES, delimiter=","))
    assert response.status_code == 302
    assert control.applications(candidate["id"])[0]["sections"]["languages"][0]["language"] == "Français"


def test_bad_values_are_all_named_and_nothing_is_imported(client, control, candidate):
    bad = {**VALUES, ("Formation", "Année d'obtention"): "12", ("Connaissances linguistiques", "Langue"): "Klingon"}
    blank = download(client)
    rows = list(csv.reader(io.StringIO(blank.decode("utf-8-sig")), delimiter=";"))
    year_line = 1 + next(i for i, row in enumerate(rows) if row[1] == "Année d'obtention")
    language_line = 1 + next(i for i, row in enumerate(rows) if row[1] == "Langue")
    response = upload(client, filled(blank, bad))
    assert response.status_code == 422
    body = text(response)
    assert "Rien n'a été importé" in body
    assert f"Ligne {year_line} – Formation – Année d'obtention : saisissez une année à 4 chiffres" in body
    language = "Connaissances linguistiques – Langue : choisissez une valeur dans la liste proposée."
    assert f"Ligne {language_line} – {language}" in body
    assert 'role="alert"' in response.get_data(as_text=True) and "Mettre en ligne à partir d" in body
    assert control.applications(candidate["id"]) == []


def test_an_institution_that_is_not_in_the_list_is_refused_and_nothing_is_imported(client, control, candidate):
    bad = {**VALUES, ("Formation", "Nom de l'établissement"): "Université imaginaire de Nulle-Part"}
    response = upload(client, filled(download(client), bad))
    assert response.status_code == 422
    assert "Nom de l'établissement" in text(response) and "Rien n'a été importé" in text(response)
    assert control.applications(candidate["id"]) == []


def test_unknown_and_duplicated_rows_are_refused(client, control, candidate):
    blank = download(client).decode("utf-8-sig")
    data = blank + "Formation;Couleur préférée;bleu;\r\nFormation;Diplôme;Master;\r\nFormation;Diplôme;Licence;\r\n"
    body = text(upload(client, data.encode()))
    assert "« Formation » / « Couleur préférée » ne fait pas partie du formulaire" in body
    assert "« Formation » / « Diplôme » figure déjà ligne" in body
    assert control.applications(candidate["id"]) == []


def test_files_that_are_not_the_form_are_refused(client, control, candidate):
    cases = {
        ("formulaire.pdf", b"%PDF-1.4 ..."): "n'est pas au format CSV",
        ("formulaire.csv", b"a;b\x00c"): "n'est pas un fichier texte CSV lisible",
        ("formulaire.csv", b"nom;prenom\r\nNdiaye;Awa\r\n"): "n'est pas le formulaire de candidature hors ligne",
        ("formulaire.csv", b"x" * (offline_form.MAX_BYTES + 10)): "dépasse 200 Ko",
        ("formulaire.csv", ("Section;Champ;Valeur\r\n" * 600).encode()): "plus de 500 lignes",
        ("formulaire.csv", b"Section;Champ;Valeur\r\nFormation;Dipl\xc3\xb4me;\"Master\r\n"): "n'est pas du CSV valide",
    }
    for (filename, data), expected in cases.items():
        response = upload(client, data, filename)
        assert response.status_code in (413, 422), filename
        assert expected in text(response), (filename, text(response)[:400])
    letter_row = ("Lettre de motivation – Lettre de motivation et pièces-jointes", "Lettre de motivation")
    long_letter = {letter_row: "x" * 20001}
    assert "saisissez au plus 20000 caractères" in text(upload(client, filled(download(client), long_letter)))
    assert control.applications(candidate["id"]) == []


def test_upload_without_a_file_says_what_to_do(client, control, candidate):
    assert client.post("/candidatures/nouvelle", data={"origin": "Presse"}).status_code == 302
    response = client.post("/candidatures/nouvelle/fichier", data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Choisissez le fichier du formulaire" in text(response)
