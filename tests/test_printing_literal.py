"""Generated documents print what officials typed, literally: a name is never read as reportlab markup, so
no one can put a link, a restyled line or a file of the server into an official document."""

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from dossiers.criteria import criteria_keys
from dossiers.models import AwardForm, Decision
from permissions.models import Unit

from . import builders as b
from .api import Official
from .pages import browser
from .test_documents import docx_text

PLAIN = "Hộ A & B <con>"
MARKUP = {
    "plain": "",
    "font": "<font size=40 color=red>to</font>",
    "link": '<a href="https://evil.example">x</a>',
    "server image": '<img src="{png}"/>',
    "missing image": '<img src="/etc/passwd"/>',
}
WORD_LINE_BREAK = "dòng một\x0bdòng hai"  # what a line break pasted from Word arrives as


@pytest.fixture
def png(tmp_path):
    """An image file on the server: the markup would embed it in the document."""
    from PIL import Image

    path = tmp_path / "server.png"
    Image.new("RGB", (40, 40), "red").save(path)
    return path


@pytest.fixture(params=MARKUP, ids=list(MARKUP))
def typed(request, png):
    """Texts officials and administrators type, each carrying the markup."""
    markup = MARKUP[request.param].format(png=png)
    return {
        "name": f"{PLAIN} {markup}".strip(),
        "note": f"Ghi chú <i>{markup}</i> & hết",
        "village": f"Làng <b>Đê</b> & Kôn {markup}".strip(),
        "form": "Giấy khen <u>huyện</u>",
        "signer": "Nguyễn <b>Văn</b> & Sơn",
    }


def appraise_with_note(dossier, note):
    verdicts = [
        {
            "nomination": n.pk,
            "eligible": True,
            "criteria": {key: True for key in criteria_keys(n.nominee_kind)},
            "note": note,
        }
        for n in dossier.nominations.all()
    ]
    b.fire("huyen.noivu", dossier, "appraise", verdicts=verdicts)


@pytest.fixture
def dossier(demo, typed):
    """A dossier whose every typed text carries the markup, appraised and awaiting the chair's decision."""
    Unit.objects.filter(code="GL-MY-DD-01").update(name=typed["village"])
    AwardForm.objects.filter(code="giay_khen_huyen").update(name=typed["form"])
    (chair,) = b.users("huyen.chutich")
    chair.last_name, chair.first_name = typed["signer"].rsplit(" ", 1)
    chair.save()
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    dossier.nominations.update(nominee_name=typed["name"], achievement_summary=typed["note"])
    b.to_appraisal(dossier)
    appraise_with_note(dossier, typed["note"])
    return dossier


@pytest.fixture
def decision(dossier):
    b.fire("huyen.chutich", dossier, "approve", **b.decision_payload())
    return Decision.objects.get()


def squeezed(text: str) -> str:
    """Without whitespace: a long word may wrap anywhere in a narrow cell."""
    return "".join(text.split())


def read_pdf(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, squeezed("".join(page.extract_text() for page in reader.pages))


def links(reader) -> list:
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    return [a for a in annotations if a.get("/Subtype") == "/Link" or "/URI" in str(a.get("/A"))]


def images(reader) -> list:
    found = []
    for page in reader.pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        found += [name for name, x in xobjects.items() if x.get_object().get("/Subtype") == "/Image"]
    return found


def assert_literal(response, *texts):
    reader, text = read_pdf(response)
    for typed_text in texts:
        assert squeezed(typed_text) in text, typed_text
    assert not links(reader) and not images(reader)


def test_the_decision_prints_every_typed_text_literally(decision, typed):
    for client in (browser("huyen.chutich"), Official("huyen.thanhtra")):
        prefix = "/api" if isinstance(client, Official) else ""
        response = client.get(f"{prefix}/decisions/{decision.pk}/pdf/")
        assert_literal(response, typed["name"], typed["village"], typed["form"], typed["signer"])


def test_the_articles_bold_labels_are_still_markup_not_text(decision):
    _, text = read_pdf(browser("huyen.chutich").get(f"/decisions/{decision.pk}/pdf/"))
    assert "Điều1.Tặng" in text and "<b>Điều" not in text


@pytest.mark.parametrize("fields_only", ["0", "1"])
def test_the_certificates_print_every_typed_text_literally(decision, typed, fields_only):
    chair = browser("huyen.chutich")
    response = chair.get(f"/decisions/{decision.pk}/certificates/?fields_only={fields_only}")
    assert_literal(response, typed["name"], typed["village"], typed["signer"])


@pytest.mark.parametrize("kind", ["to-trinh", "bao-cao-tham-dinh"])
def test_each_draft_prints_every_typed_text_literally_in_pdf_and_word(dossier, typed, kind):
    officer = browser("huyen.noivu")
    expected = [typed["name"], typed["village"], typed["form"]]
    if kind == "bao-cao-tham-dinh":
        expected.append(f"Ghi chú: {typed['note']}.")
    assert_literal(officer.get(f"/dossiers/{dossier.pk}/drafts/{kind}.pdf"), *expected)
    response = officer.get(f"/dossiers/{dossier.pk}/drafts/{kind}.docx")
    assert response.status_code == 200
    word = docx_text(response.content)
    for text in expected:
        assert text in word, text


def test_a_line_break_pasted_from_word_does_not_break_the_word_draft(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    dossier.nominations.update(nominee_name=f"Hộ {WORD_LINE_BREAK}")
    b.to_appraisal(dossier)
    appraise_with_note(dossier, WORD_LINE_BREAK)
    officer = browser("huyen.noivu")
    for kind in ("to-trinh", "bao-cao-tham-dinh"):
        response = officer.get(f"/dossiers/{dossier.pk}/drafts/{kind}.docx")
        assert response.status_code == 200
        assert "Hộ dòng một dòng hai" in docx_text(response.content)
        assert officer.get(f"/dossiers/{dossier.pk}/drafts/{kind}.pdf").status_code == 200


def test_no_document_builds_a_reportlab_paragraph_of_its_own():
    """Only common.paragraph and common.labelled may: they are where typed text is escaped."""
    printing = Path(__file__).resolve().parent.parent / "dossiers" / "printing"
    for module in printing.glob("*.py"):
        if module.name != "common.py":
            assert not re.search(r"\bParagraph\b", module.read_text()), module.name
