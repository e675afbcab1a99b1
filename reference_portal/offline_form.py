"""The offline application form: a UTF-8 CSV that any spreadsheet opens, read back with the standard library (the
alternative portal's is an XLSX workbook instead, read with openpyxl: the end of this module).

One row per field of the six sections, built from the same declarations the steps use (so the form cannot
drift from the pages): « Section », « Champ », « Valeur » (what the person fills) and « Consignes ». Rows
whose first cell starts with « # » are instructions. On upload every value goes through the pages' own
validation; one bad value and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from reference_portal import messages
from reference_portal.forms import Field, validate
from reference_portal.rules import implements, lookups
from reference_portal.rules.sections import SECTIONS, Section

FILENAME = "formulaire-candidature-hors-ligne.csv"
MAX_BYTES = 200 * 1024
MAX_ROWS = 500
HEADER = ("Section", "Champ", "Valeur", "Consignes")
DELIMITERS = (";", ",", "\t")  # spreadsheets re-save with the separator of their locale
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
INSTRUCTIONS = (
    "# Formulaire de candidature hors ligne – inspira",
    "# Remplissez uniquement la colonne « Valeur » ; ne modifiez pas les colonnes « Section » et « Champ ».",
    "# Enregistrez le fichier au format CSV UTF-8 (séparateur point-virgule), puis dans « Mes candidatures » : "
    "« Créer un projet de candidature », « Mettre en ligne à partir d'un fichier ».",
    "# Les champs « Obligatoire » doivent être remplis avant de soumettre une candidature ; un projet peut "
    "rester incomplet.",
    "# Les « Questions de présélection » dépendent de l'appel à candidature et « Vérifier Mon profil » "
    "renvoie à votre profil : ces deux parties se complètent en ligne.",
)


def offline_sections() -> tuple[Section, ...]:
    """The sections and sub-sections whose fields the form carries, in the pages' order."""
    return tuple(s for s in SECTIONS if s.fields)


def section_label(section: Section) -> str:
    return f"{section.name} – {section.sub_name}" if section.sub_name else section.name


def field_instruction(f: Field) -> str:
    need = "Obligatoire." if f.required else "Facultatif."
    if f.kind == "select":
        return f"{need} Une valeur parmi : {', '.join(f.choices)}."
    if f.kind == "year":
        return f"{need} Année à 4 chiffres (aaaa), de {f.minimum} à l'année en cours."
    if f.kind == "month_year":
        return f"{need} Mois et année au format mm/aaaa, par exemple 09/2019 (saisi comme du texte)."
    if f.kind == "email":
        return f"{need} Adresse email, par exemple prenom.nom@exemple.org."
    return f"{need} Texte libre, {f.max_length} caractères au plus."


@implements("REQ-OFF-01")
def blank_form() -> bytes:
    """The form to download: UTF-8 with a byte order mark so that spreadsheets read the accents right."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in INSTRUCTIONS:
        writer.writerow([line, "", "", ""])
    writer.writerow(HEADER)
    for section in offline_sections():
        for f in section.fields:
            writer.writerow([section_label(section), f.label, "", field_instruction(f)])
    return out.getvalue().encode("utf-8-sig")


@dataclass
class OfflineResult:
    """Values to store, by section key, or the problems that kept anything from being imported."""

    values: dict[str, dict[str, object]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):  # cp1252: what a French spreadsheet on Windows saves as « CSV »
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if _CONTROL_CHARS.search(text) else text
    return None


def _rows(text: str) -> tuple[list[tuple[int, list[str]]], tuple[int, int, int]] | str:
    """The records after the header row with their line numbers (1-based, as a spreadsheet shows them) and
    the columns of section, field and value; else the problem to show."""
    malformed: str | None = None
    for delimiter in DELIMITERS:
        records: list[list[str]] = []
        try:
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
                records.append(record)
                if len(records) > MAX_ROWS:
                    return messages.offline_too_many_rows(MAX_ROWS)
        except csv.Error:  # maybe only the wrong separator: try the next one before saying so
            malformed = malformed or messages.offline_malformed(len(records) + 1)
            continue
        for index, record in enumerate(records):
            names = [_key(cell) for cell in record]
            wanted = [_key(name) for name in HEADER[:3]]
            if all(name in names for name in wanted):
                section_col, label_col, value_col = (names.index(name) for name in wanted)
                numbered = list(enumerate(records, start=1))[index + 1 :]
                return numbered, (section_col, label_col, value_col)
    return malformed or messages.OFFLINE_NOT_THE_FORM


@implements("REQ-OFF-02", "REQ-OFF-03")
def read_offline_form(filename: str, data: bytes, current_year: int) -> OfflineResult:
    """Parse and validate a filled offline form (the same rules as the pages); nothing partial."""
    result = OfflineResult()
    if not filename:
        result.problems.append(messages.OFFLINE_NO_FILE)
        return result
    if not filename.lower().endswith(".csv"):
        result.problems.append(messages.OFFLINE_NOT_CSV)
        return result
    if len(data) > MAX_BYTES:
        result.problems.append(messages.offline_too_big(MAX_BYTES // 1024))
        return result
    text = _decode(data)
    if text is None:
        result.problems.append(messages.OFFLINE_NOT_TEXT)
        return result
    parsed = _rows(text)
    if isinstance(parsed, str):
        result.problems.append(parsed)
        return result
    records, (section_col, label_col, value_col) = parsed
    known = {(_key(section_label(s)), _key(f.label)): (s, f) for s in offline_sections() for f in s.fields}
    raw: dict[str, dict[str, str]] = {}
    lines: dict[tuple[str, str], int] = {}
    for line, cells in records:
        if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
            continue
        section_cell = cells[section_col] if len(cells) > section_col else ""
        label_cell = cells[label_col] if len(cells) > label_col else ""
        section_text, label_text = _shown(section_cell), _shown(label_cell)
        value = cells[value_col] if len(cells) > value_col else ""
        match = known.get((_key(section_cell), _key(label_cell)))
        if match is None:
            result.problems.append(messages.offline_unknown_field(line, section_text, label_text))
            continue
        section, f = match
        if (section.key, f.name) in lines:
            first = lines[(section.key, f.name)]
            result.problems.append(messages.offline_duplicate(line, section_text, label_text, first))
            continue
        lines[(section.key, f.name)] = line
        raw.setdefault(section.key, {})[f.name] = value
    if not lines and not result.problems:
        result.problems.append(messages.OFFLINE_NO_FIELDS)
    _validate_into(result, raw, lines, current_year)
    return result


def _shown(cell: str, limit: int = 80) -> str:
    """A cell as quoted back in a message: spaces collapsed, cut short if absurdly long."""
    text = " ".join(cell.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_of(problem: str) -> int:
    match = re.match(r"Ligne (\d+)", problem)
    return int(match[1]) if match else 0


# -- the alternative portal's offline form: an XLSX workbook (reference_portal/variant.py) -------------------------
# One sheet, « Candidature »: a title and instructions, the header « Champ », « Valeur », « Consignes », then for each
# section a row holding only its name, followed by one row per field. The person fills the « Valeur » column (kept
# as text, with a drop-down list where the field takes one of a few values).
XLSX_FILENAME = "formulaire-candidature-hors-ligne.xlsx"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_SHEET = "Candidature"
XLSX_HEADER = ("Champ", "Valeur", "Consignes")
XLSX_MAX_UNPACKED = 4 * 1024 * 1024  # what the workbook's parts may add up to once unzipped (a form is ~20 Ko)
XLSX_INSTRUCTIONS = (
    "Formulaire de candidature hors ligne – inspira",
    "Complétez la colonne « Valeur » sans modifier la colonne « Champ » ni les lignes de section, enregistrez le "
    "classeur (.xlsx), puis dans « Mes candidatures » : « Créer un projet de candidature », « Mettre en ligne à "
    "partir d'un fichier ». Un projet peut rester incomplet ; les « Questions de présélection » et « Vérifier Mon "
    "profil » se complètent en ligne.",
)


@implements("REQ-OFF-01")
def blank_workbook() -> bytes:
    """The form to download, as an XLSX workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = XLSX_SHEET
    sheet.append([XLSX_INSTRUCTIONS[0]])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([XLSX_INSTRUCTIONS[1]])
    sheet.append([])
    sheet.append(list(XLSX_HEADER))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for section in offline_sections():
        sheet.append([section_label(section)])
        heading = sheet.cell(sheet.max_row, 1)
        heading.font = Font(bold=True)
        heading.fill = PatternFill("solid", fgColor="DDE7F0")
        for f in section.fields:
            sheet.append([f.label, None, field_instruction(f)])
            value = sheet.cell(sheet.max_row, 2)
            value.number_format = "@"  # text: « 09/2019 » stays what was typed, not a date
            if f.kind == "select" and len(",".join(f.choices)) < 250 and not any("," in c for c in f.choices):
                choices = DataValidation(type="list", formula1='"' + ",".join(f.choices) + '"', allow_blank=True)
                sheet.add_data_validation(choices)
                choices.add(value)
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_text(value: object, f: Field | None) -> str:
    """A cell as the pages would have received it typed: a number or a date as the person typed it."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):  # a spreadsheet made a date of « 09/2019 »
        return value.strftime("%m/%Y" if f is not None and f.kind == "month_year" else "%d/%m/%Y")
    return str(value)


def _workbook_rows(data: bytes) -> list[tuple[int, list[object]]] | str:
    """The rows of the form's sheet after its header, numbered as a spreadsheet shows them, each as the cells
    « Champ » and « Valeur »; else the problem to show."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(part.file_size for part in archive.infolist()) > XLSX_MAX_UNPACKED:
                return messages.OFFLINE_XLSX_UNREADABLE
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a broken file; each means the same to the person
        return messages.OFFLINE_XLSX_UNREADABLE
    try:
        if XLSX_SHEET not in book.sheetnames:
            return messages.OFFLINE_XLSX_NOT_THE_FORM
        rows = list(book[XLSX_SHEET].iter_rows(max_row=MAX_ROWS + 1, max_col=10, values_only=True))
    except Exception:  # noqa: BLE001 - a part of the workbook that cannot be read
        return messages.OFFLINE_XLSX_UNREADABLE
    finally:
        book.close()
    if len(rows) > MAX_ROWS:
        return messages.offline_too_many_rows(MAX_ROWS)
    for index, cells in enumerate(rows):
        names = [_key(str(c)) if c is not None else "" for c in cells]
        if _key(XLSX_HEADER[0]) in names and _key(XLSX_HEADER[1]) in names:
            label_col, value_col = names.index(_key(XLSX_HEADER[0])), names.index(_key(XLSX_HEADER[1]))
            return [
                (number, [cells[label_col] if len(cells) > label_col else None,
                          cells[value_col] if len(cells) > value_col else None])
                for number, cells in enumerate(rows[index + 1 :], start=index + 2)
            ]
    return messages.OFFLINE_XLSX_NOT_THE_FORM


@implements("REQ-OFF-02", "REQ-OFF-03")
def read_offline_workbook(filename: str, data: bytes, current_year: int) -> OfflineResult:
    """Parse and validate a filled XLSX offline form (the same rules as the pages); nothing partial."""
    result = OfflineResult()
    if not filename:
        result.problems.append(messages.OFFLINE_NO_FILE)
        return result
    if not filename.lower().endswith(".xlsx"):
        result.problems.append(messages.OFFLINE_NOT_XLSX)
        return result
    if len(data) > MAX_BYTES:
        result.problems.append(messages.offline_too_big(MAX_BYTES // 1024))
        return result
    rows = _workbook_rows(data)
    if isinstance(rows, str):
        result.problems.append(rows)
        return result
    sections = {_key(section_label(s)): s for s in offline_sections()}
    current: Section | None = None
    raw: dict[str, dict[str, str]] = {}
    lines: dict[tuple[str, str], int] = {}
    for number, (label_cell, value_cell) in rows:
        label = _cell_text(label_cell, None)
        if not label.strip():
            continue
        if _key(label) in sections and value_cell in (None, ""):
            current = sections[_key(label)]
            continue
        f = next((f for f in current.fields if _key(f.label) == _key(label)), None) if current else None
        if current is None or f is None:
            section_name = section_label(current) if current else XLSX_SHEET
            result.problems.append(messages.offline_xlsx_unknown_field(number, section_name, _shown(label)))
            continue
        if (current.key, f.name) in lines:
            result.problems.append(messages.offline_xlsx_duplicate(number, _shown(label), lines[(current.key, f.name)]))
            continue
        lines[(current.key, f.name)] = number
        raw.setdefault(current.key, {})[f.name] = _cell_text(value_cell, f)
    if not lines and not result.problems:
        result.problems.append(messages.OFFLINE_NO_FIELDS)
    _validate_into(result, raw, lines, current_year)
    return result


def _validate_into(result: OfflineResult, raw: dict[str, dict[str, str]], lines: dict[tuple[str, str], int],
                   current_year: int) -> None:
    """The values of every section checked as the pages check them; any problem and nothing is kept."""
    for section in offline_sections():
        checked = validate(section.fields, raw.get(section.key, {}), enforce_required=False, current_year=current_year)
        lookups.check_lookups(section.fields, checked)  # a look-up value must come from its list
        for name, error in checked.errors.items():
            line = lines[(section.key, name)]
            result.problems.append(messages.offline_field_problem(line, section_label(section), error))
        filled = {name: value for name, value in checked.values.items() if value is not None}
        if filled:
            result.values[section.key] = filled
    result.problems.sort(key=_line_of)
    if result.problems:
        result.values = {}
