"""Where the visible signature goes: Decree 30/2020 (Appendix I) puts the signer's digital signature in the
gap between the signer's title and name, and the agency's over the left third of it, as a seal would be.
The decision PDF is drawn by dossiers/printing; this finds that gap in the drawn page instead of repeating
the layout's arithmetic here."""

from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader

from dossiers.printing.common import signature_titles
from permissions.names import full_name

GAP_POINTS = 62  # the printed gap is 22 mm (dossiers/printing/decision.py::_signature)
BOX_WIDTH = 170
FALLBACK_BOTTOM = 120


@dataclass(frozen=True)
class Box:
    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    def agency(self) -> "Box":
        """The agency's box: the signer's size, moved left by two thirds so it covers the left third."""
        shift = (self.x2 - self.x1) * 2 / 3
        return Box(self.page, self.x1 - shift, self.y1 + 8, self.x2 - shift, self.y2 + 8)


def _lines(page) -> list[tuple[str, float, float]]:
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


def signature_box(pdf: bytes, decision) -> Box:
    reader = PdfReader(BytesIO(pdf))
    name = full_name(decision.signer) if decision.signer else ""
    title = signature_titles(decision)[-1]
    for number, page in enumerate(reader.pages):
        width = float(page.mediabox.width)
        right = [(t, x, y) for t, x, y in _lines(page) if x > width * 0.4]
        at_name = [y for t, x, y in right if name and name in t]
        if at_name:
            above = [y for t, x, y in right if t == title and y > at_name[0]]
            top = min(above) - 4 if above else at_name[0] + GAP_POINTS
            return _centred(number, width, at_name[0] + 14, top)
    last = len(reader.pages) - 1
    return _centred(
        last, float(reader.pages[last].mediabox.width), FALLBACK_BOTTOM, FALLBACK_BOTTOM + GAP_POINTS
    )


def _centred(page: int, width: float, bottom: float, top: float) -> Box:
    # The signature column (FOOTER_WIDTHS) spans 110-195 mm from the page's left edge: centre the box in it.
    centre = width * 152.5 / 210
    return Box(page, centre - BOX_WIDTH / 2, bottom, centre + BOX_WIDTH / 2, top)
