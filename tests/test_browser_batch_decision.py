"""The chair's batch decision in a real browser: a used number is refused next to it, and nothing the chair
ticked or typed has to be done again."""

import pytest
from viewflow.workflow.models import Task

from dossiers.models import Dossier
from workflows.services.batch import decision_issue

from . import builders as b
from .browser import Session, chromium, needs_chromium, server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def awaiting_district_decision(n):
    dossiers = [b.new_dossier(award_forms=("giay_khen_huyen",)) for _ in range(n)]
    for dossier in dossiers:
        b.to_district_decision(dossier)
    return dossiers


def test_a_chair_corrects_a_used_decision_number_and_keeps_the_ticks(chromium, server):  # noqa: F811
    first, second, earlier = awaiting_district_decision(3)
    (chair_user,) = b.users("huyen.chutich")
    decision_issue(user=chair_user, number="77/QĐ-UBND", date=b.TODAY, dossier_ids=[earlier.pk])
    tasks = [
        Task.objects.get(process=d.process, status="NEW", flow_task_type="HUMAN").pk for d in (first, second)
    ]
    date = b.TODAY.strftime("%d/%m/%Y")

    chair = Session(chromium, server, "huyen.chutich")
    chair.go("/inbox/?tab=unit")
    page = chair.page
    for task in tasks:
        page.check(f"#pick-{task}")
    page.locator("details[data-action=decision] summary").click()
    page.fill("#id_decision-date", date)
    page.fill("#id_decision-number", "77 QĐ")  # the browser knows the number's form before sending it
    assert page.eval_on_selector("#id_decision-number", "input => input.validity.patternMismatch")
    page.fill("#id_decision-number", "77/QĐ-UBND")
    page.click("details[data-action=decision] button[type=submit]")
    page.wait_for_load_state()

    assert page.url.endswith("/inbox/?tab=unit#decision")
    problem = page.inner_text("#id_decision-number_error")
    assert "Số 77/QĐ-UBND đã dùng" in problem
    assert chair.text().count("77/QĐ-UBND đã") == 1
    assert all(page.is_checked(f"#pick-{task}") for task in tasks)
    assert page.input_value("#id_decision-date") == date
    chair.shot("quyet-dinh-so-da-dung")

    page.fill("#id_decision-number", "78/QĐ-UBND")
    page.click("details[data-action=decision] button[type=submit]")
    page.wait_for_load_state()
    assert "Đã ban hành quyết định 78/QĐ-UBND cho 2 hồ sơ" in chair.text()
    statuses = dict(Dossier.objects.values_list("pk", "status"))
    assert [statuses[d.pk] for d in (first, second)] == ["decided", "decided"]
    chair.close()
