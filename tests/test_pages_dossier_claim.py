"""Claiming and handing back a dossier's task from the dossier page, through the same claim services as the
inbox: offered to an official of the agency that owns the stage, refused to anyone else."""

from viewflow.workflow.models import Task

from dossiers.models import AuditEvent

from . import builders as b
from .pages import browser, text


def submitted():
    dossier = b.new_dossier()
    b.to_submitted(dossier)
    return dossier


def open_task(dossier):
    return Task.objects.get(process=dossier.process, status__in=["NEW", "ASSIGNED"], flow_task_type="HUMAN")


def claim(client, dossier, task=None):
    return client.post(
        f"/dossiers/{dossier.pk}/claim/", {"task": (task or open_task(dossier)).pk}, follow=True
    )


def test_an_official_of_the_owning_agency_claims_the_dossier_from_its_page(demo):
    dossier = submitted()
    officer = browser("xa.a.canbo")
    page = text(officer.get(f"/dossiers/{dossier.pk}/"))
    assert "Nhận xử lý" in page and "chưa có cán bộ nhận" in page

    response = claim(officer, dossier)

    page = text(response)
    assert response.redirect_chain[-1][0] == f"/dossiers/{dossier.pk}/"
    assert f"Bạn đã nhận xử lý hồ sơ {dossier.code}" in page and "Việc của tôi" in page
    assert "cán bộ Nguyễn Thị Lan đang xử lý" in page and "Trả lại việc" in page and "Nhận xử lý" not in page
    assert open_task(dossier).owner.username == "xa.a.canbo"
    assert AuditEvent.objects.filter(dossier=dossier, action="claim", actor__username="xa.a.canbo").exists()
    assert dossier.code in text(officer.get("/inbox/?tab=mine"))
    assert dossier.code not in text(browser("xa.a.chutich").get("/inbox/?tab=unit"))


def test_the_holder_hands_the_task_back_from_the_dossier_page(demo):
    dossier = submitted()
    officer = browser("xa.a.canbo")
    claim(officer, dossier)

    response = officer.post(f"/dossiers/{dossier.pk}/release/", {"task": open_task(dossier).pk}, follow=True)

    assert "Đã trả lại việc của hồ sơ" in text(response)
    task = open_task(dossier)
    assert task.owner is None and task.status == "NEW"
    assert dossier.code in text(browser("xa.a.chutich").get("/inbox/?tab=unit"))


def test_an_official_who_does_not_work_in_the_agency_gets_no_button_and_a_403(demo):
    dossier = submitted()
    inspector = browser("huyen.thanhtra")  # sees the dossier, works in no queue
    assert "Nhận xử lý" not in text(inspector.get(f"/dossiers/{dossier.pk}/"))

    response = claim(inspector, dossier)

    assert response.status_code == 403 and "không làm việc tại cơ quan" in text(response)
    assert open_task(dossier).owner is None


def test_a_stranger_is_told_the_dossier_does_not_exist(demo):
    dossier = submitted()
    assert claim(browser("xa.b.canbo"), dossier).status_code == 404
    assert open_task(dossier).owner is None


def test_a_task_already_claimed_is_refused_and_shows_who_holds_it(demo):
    dossier = submitted()
    claim(browser("xa.a.canbo"), dossier)
    chair = browser("xa.a.chutich")
    page = text(chair.get(f"/dossiers/{dossier.pk}/"))
    assert (
        "cán bộ Nguyễn Thị Lan đang xử lý" in page and "Nhận xử lý" not in page and "Trả lại việc" not in page
    )

    response = claim(chair, dossier)

    assert response.status_code == 409 and "đã có người nhận" in text(response)
    assert open_task(dossier).owner.username == "xa.a.canbo"
    refused = chair.post(f"/dossiers/{dossier.pk}/release/", {"task": open_task(dossier).pk}, follow=True)
    assert refused.status_code == 409 and open_task(dossier).owner.username == "xa.a.canbo"


def test_a_page_opened_before_the_dossier_moved_on_claims_nothing(demo):
    dossier = submitted()
    shown = open_task(dossier)
    b.fire("xa.a.canbo", dossier, "return_to_village", comment="Thiếu ảnh")
    b.fire("truongthon.a1", dossier, "submit")  # back at the commune: a new task of the same stage

    response = claim(browser("xa.a.canbo"), dossier, task=shown)

    assert response.status_code == 409 and "đã chuyển sang bước khác" in text(response)
    assert open_task(dossier).owner is None


def test_an_official_alone_in_the_agency_is_not_offered_a_claim(demo):
    dossier = b.new_dossier()  # a draft: its task is the village office's, where the village head is alone
    page = browser("truongthon.a1").get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Nhận xử lý" not in page
