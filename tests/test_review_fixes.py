"""Refusals found in review: odd ids, dates and redirects; formulas in spreadsheets; viewflow's claim buttons."""

import io

from openpyxl import load_workbook
from viewflow.workflow.models import Task

from dossiers.models import AuditEvent

from . import builders as b
from .pages import browser, text


def open_task(dossier):
    return Task.objects.get(process=dossier.process, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN")


def test_odd_task_ids_and_dates_are_refused_cleanly(demo):
    officer, inspector = browser("xa.a.canbo"), browser("huyen.thanhtra")
    for value in ("²", "99999999999999999999", "-1", "x"):
        assert officer.post("/inbox/claim/", {"task": value}).status_code == 302
        assert browser("huyen.chutich").post("/decisions/new/", {"task": value}).status_code == 302
    # An id in the URL beyond any stored id names nothing (config.middleware.ImpossibleIdMiddleware).
    assert officer.post("/inbox/99999999999999999999/release/").status_code == 404
    assert (
        browser("xa.a.chutich")
        .post("/inbox/99999999999999999999/reassign/", {"to_user": 1, "reason": "x"})
        .status_code
        == 404
    )
    for query in ("date_to=31/12/9999", "date_from=01/01/0001"):
        response = inspector.get(f"/audit/?{query}")
        assert response.status_code == 200 and "1900–2100" in text(response)


def test_a_crafted_next_never_leaves_the_site(demo):
    response = browser("xa.a.canbo").post("/inbox/claim/", {"task": "1", "next": "https://evil.example/"})
    assert response["Location"] in ("/inbox/", "inbox") or response["Location"].startswith("/")


def test_text_that_looks_like_a_formula_is_exported_as_text(demo):
    dossier = b.new_dossier()
    dossier.nominations.update(nominee_name='=HYPERLINK("http://evil","Nguyễn")')
    b.to_submitted(dossier)
    rows = list(
        load_workbook(
            io.BytesIO(browser("huyen.thanhtra").get("/dossiers/?format=xlsx").content)
        ).active.iter_rows()
    )
    cell = rows[1][6]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")


def test_viewflows_claim_buttons_go_through_the_claim_service_and_the_history(demo):
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    task = open_task(dossier)
    officer = browser("xa.a.canbo")
    officer.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/assign/")
    officer.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/unassign/")
    assert list(
        AuditEvent.objects.filter(dossier=dossier, action__in=["claim", "release"]).values_list(
            "action", flat=True
        )
    ) == ["claim", "release"]
    stranger = browser("xa.b.canbo")
    stranger.post(f"/workflow/award/dossier/{dossier.process.pk}/commune_review/{task.pk}/assign/")
    assert open_task(dossier).owner is None
    assert stranger.get(f"/workflow/award/dossier/{dossier.process.pk}/chart/").status_code == 404
    assert officer.get(f"/workflow/award/dossier/{dossier.process.pk}/chart/").status_code == 200


def test_a_decision_pdf_keeps_its_vietnamese_file_name(demo):
    from .api import Official

    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_district_decision(dossier)
    decision = (
        Official("huyen.chutich")
        .post(
            "/api/decisions/",
            {
                "number": "7/QĐ-UBND",
                "date": b.TODAY.isoformat(),
                "signer_capacity": "chair",
                "dossiers": [dossier.pk],
            },
        )
        .json()
    )
    header = Official("huyen.chutich").get(f"/api/decisions/{decision['id']}/pdf/")["Content-Disposition"]
    assert header.startswith("inline; filename") and "=?utf-8?" not in header
