"""What the journey of the browser tests is made of: the person, the idea, the numbers."""

import io

from pypdf import PdfWriter

CALL = "openstelling-tweede-ronde"
LINE = "Samen met inwoners"  # 75 % of the eligible costs, at most € 150.000; € 100.000 here
TITLE = "Buurtkamer De Kern in Zweeloo"
NAME = "Ria Bakker"
EMAIL = "Ria.Bakker@Buurtkamer.example"
PASSWORD = "Kern-Zweeloo-2025!"
LEAD = "Stichting Buurtkamer De Kern"
PLACES = ["Coevorden", "Emmen"]
REVIEWER = "expert1"
# (score, motivation) per criterion, in the call's order; weights 3, 2, 2, 1 give 7,5.
SCORES = [
    ("8", "Raakt eenzame ouderen en jongeren in het dorp."),
    ("7", "Heldere planning; de begroting is sober."),
    ("8", "Dorpsbelang en de huisarts doen mee."),
    ("6", "Na drie jaar draagt de stichting de kosten nog niet helemaal."),
]
SEED = 4242
GRANTED_REASON = (
    "Toegekend: € 90.000 (plaats 1, score 7,5; vóór deze aanvraag was nog € 100.000 van het "
    "budget van 'Samen met inwoners' beschikbaar). Gevraagd was € 100.000; het bedrag is "
    "begrensd op 75% van de subsidiabele kosten (€ 120.000)."
)


def small_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
