"""« Voir/Imprimer PHP »: an application as a PDF (fpdf2), with every section's content.

fpdf2's core fonts (Helvetica) cover Windows-1252 only; anything beyond is mapped to a close equivalent
(typographic quotes, dashes, ligatures, accented letters from other alphabets lose their accent) and what
has none becomes « ? », so no value can make the printout fail.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from fpdf import FPDF

from reference_portal import clock
from reference_portal.i18n import gettext as _

ENCODING = "cp1252"
_CLOSE_EQUIVALENTS = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2002": " ", "\u2003": " ",
        "\u2032": "'", "\u2033": '"', "\u2039": "<", "\u203a": ">",
        "\u2190": "<-", "\u2192": "->", "\u2264": "<=", "\u2265": ">=", "\u2260": "!=",
        "\u0141": "L", "\u0142": "l", "\u0110": "D", "\u0111": "d", "\u0131": "i", "\u00f8": "o",
        "\u2713": "v", "\u2714": "v", "\u2022": "-",
    }
)


def printable(text: str) -> str:
    """``text`` with every character the core fonts cannot show replaced by a close equivalent."""
    text = unicodedata.normalize("NFC", text).translate(_CLOSE_EQUIVALENTS)
    out: list[str] = []
    for ch in text:
        if ch in "\n\t":
            out.append(" " if ch == "\t" else ch)
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        try:
            ch.encode(ENCODING)
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        try:
            base.encode(ENCODING)
            out.append(base or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


@dataclass(frozen=True)
class PrintedSection:
    title: tuple[str, ...]  # the section's name, then its sub-section's if any
    rows: tuple[tuple[str, str], ...]  # (label, value), value "" when not filled
    note: str = ""  # shown when the section has no rows


@dataclass(frozen=True)
class PrintedApplication:
    candidate_name: str
    user_code: str
    opening: str  # « number – title », or the not-linked message
    status: str
    created_at: datetime
    submitted_at: datetime | None
    sections: tuple[PrintedSection, ...]


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, _("Page {page}/{pages}").format(page=self.page_no(), pages="{nb}"), align="C")


def render(application: PrintedApplication) -> bytes:
    """The application as PDF bytes, in the portal's language (labels, titles and values given in French are
    translated here)."""
    pdf = _Document(format="A4")
    pdf.core_fonts_encoding = ENCODING
    pdf.set_title(printable(_("Dossier de candidature - {name}").format(name=application.candidate_name)))
    pdf.set_author("inspira")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.epw

    def line(text: str, size: float = 10, style: str = "", height: float = 5.5) -> None:
        pdf.set_font("Helvetica", style=style, size=size)
        pdf.multi_cell(width, height, printable(text), new_x="LMARGIN", new_y="NEXT")

    line(_("Dossier de candidature"), size=16, style="B", height=9)
    line(_("Candidat : {name} ({user_code})").format(name=application.candidate_name, user_code=application.user_code),
         size=11, style="B")
    line(_("Candidature à : {opening}").format(opening=_(application.opening)))
    line(_("Statut : {status}").format(status=_(application.status)))
    line(_("Date de création : {date}").format(date=clock.format_date(application.created_at)))
    line(_("Date de candidature : {date}").format(date=clock.format_date(application.submitted_at) or "-"))
    for section in application.sections:
        pdf.ln(3)
        line(" - ".join(_(part) for part in section.title), size=12, style="B", height=7)
        if not section.rows:
            line(section.note or "-", style="I")
        for label, value in section.rows:
            line(_(label), style="B")
            line(_(value) if value else _("Non renseigné"), style="" if value else "I")
    return bytes(pdf.output())
