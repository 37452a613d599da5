"""Drive two-tier dossiers (today's government) through the real services to the stage a test needs."""

from dossiers.models import AwardForm, Round
from dossiers.services.documents import document_upload
from permissions.models import Unit
from workflows.services.lifecycle import dossier_open

from .builders import (
    appraise_payload,
    commune_approve_payload,
    commune_documents,
    decision_payload,
    fire,
    pdf_upload,
    users,
)

HEAD, OFFICER, ECONOMIST, CHAIR = "truongthon.my1", "xa.my.vhxh", "xa.my.kinhte", "xa.my.chutich"
PROVINCE_OFFICER, PROVINCE_CHAIR = "tinh.noivu", "tinh.chutich"


def two_tier_round() -> Round:
    return Round.objects.get(route="two_tier", kind="annual")


def new_two_tier_dossier(*, award_forms=("giay_khen_xa",), head=HEAD, village="GL-XMY-01"):
    (user,) = users(head)
    dossier = dossier_open(
        user=user,
        round=two_tier_round(),
        village=Unit.objects.get(code=village),
        title="Đề nghị khen thưởng năm 2026",
        nominations=[
            {
                "nominee_kind": "household",
                "nominee_name": f"Hộ bà Đinh Thị Lan {i + 1}",
                "award_form": AwardForm.objects.get(code=code),
                "achievement_summary": "Thoát nghèo bền vững",
            }
            for i, code in enumerate(award_forms)
        ],
    )
    for nomination in dossier.nominations.all():
        document_upload(
            user=user,
            dossier_id=dossier.pk,
            kind="bao_cao_thanh_tich",
            upload=pdf_upload(),
            nomination_id=nomination.pk,
        )
    return dossier


def to_council(dossier):
    fire(HEAD, dossier, "submit")
    dossier = fire(OFFICER, dossier, "receive")
    if dossier.stage == "economic_opinion":
        dossier = fire(ECONOMIST, dossier, "give_opinion", comment="Đúng tiêu chí giảm nghèo.")
    return dossier


def to_commune_appraisal(dossier):
    to_council(dossier)
    commune_documents(dossier, username=OFFICER)
    return fire(CHAIR, dossier, "council_vote", **commune_approve_payload(dossier))


def to_commune_decision(dossier):
    to_commune_appraisal(dossier)
    return fire(OFFICER, dossier, "appraise", **appraise_payload(dossier))


def to_province_appraisal(dossier):
    to_commune_decision(dossier)
    return fire(CHAIR, dossier, "approve", **decision_payload("20/QĐ-UBND"))


def province_appraise_payload(dossier):
    payload = appraise_payload(dossier)
    forwarded = set(dossier.nominations.filter(outcome="forwarded").values_list("pk", flat=True))
    payload["verdicts"] = [v for v in payload["verdicts"] if v["nomination"] in forwarded]
    return payload


def to_province_decision(dossier):
    to_province_appraisal(dossier)
    return fire(PROVINCE_OFFICER, dossier, "province_appraise", **province_appraise_payload(dossier))
