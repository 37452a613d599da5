"""The flow is the route's graph: a dossier's tasks follow the route's edges, its chart is drawn from it in
Vietnamese with the current stage marked, and processes begun under the earlier hub-shaped flow (one gateway
called "route" after every stage) finish under the new one."""

from django.core.management import call_command
from viewflow.workflow.models import Task

from workflows.flows import DossierFlow

from . import builders as b
from .api import Official
from .pages import browser, text


def gateway_tasks(dossier):
    return Task.objects.filter(process=dossier.process, flow_task_type="SWITCH")


def test_each_stage_is_followed_by_its_own_gateway_to_the_next_stage(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    names = [t.flow_task.name for t in Task.objects.filter(process=dossier.process).order_by("created", "pk")]
    assert names == [
        "start",
        "route",
        "prepare",
        "after_prepare",
        "commune_review",
        "after_commune_review",
        "compile",
        "after_compile",
        "appraisal",
    ]


def test_the_dossier_page_shows_the_route_chart_with_the_current_stage_marked(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    head = browser("truongthon.a1")
    assert f"/dossiers/{dossier.pk}/chart.svg" in text(head.get(f"/dossiers/{dossier.pk}/"))
    response = head.get(f"/dossiers/{dossier.pk}/chart.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = text(response)
    assert "Chủ tịch UBND xã quyết định" in svg and "Chủ Tịch" not in svg  # no title-casing
    assert 'id="appraisal" transform' in svg
    current = svg.split('<g id="appraisal"')[1].split(">")[0]
    assert 'class="new"' in current  # the open task of the stage the dossier is at
    passed = svg.split('<g id="compile"')[1].split(">")[0]
    assert 'class="done"' in passed
    assert browser("truongthon.b1").get(f"/dossiers/{dossier.pk}/chart.svg").status_code == 404


def test_a_process_begun_under_the_hub_shaped_flow_finishes_under_the_route_graph(demo):
    dossier = b.new_dossier(award_forms=("giay_khen_huyen",))
    b.to_appraisal(dossier)
    # As the earlier flow wrote them: after every stage, one gateway task of the single "route" node.
    gateway_tasks(dossier).update(flow_task=DossierFlow.route)
    Official("huyen.noivu").fire(dossier.pk, "appraise", **b.appraise_payload(dossier))
    b.fire("huyen.chutich", dossier, "approve", **b.decision_payload())
    dossier.refresh_from_db()
    assert dossier.status == "decided"
    assert not Task.objects.filter(process=dossier.process, status__in=["NEW", "ASSIGNED", "STARTED"]).exists()
    call_command("check_workflow", stdout=open("/dev/null", "w"))
    assert browser("huyen.chutich").get(f"/dossiers/{dossier.pk}/chart.svg").status_code == 200
