"""Drive dossiers through the real services to the state a test needs."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers.models import AwardForm, Round
from dossiers.services.documents import document_upload
from permissions.models import Unit
from workflows.services.lifecycle import dossier_open
from workflows.services.transitions import dossier_transition

from .files import tiny_pdf

TODAY = timezone.localdate()


def pdf_upload(name="bao-cao.pdf"):
    return SimpleUploadedFile(name, tiny_pdf(), content_type="application/pdf")


def users(*usernames):
    from django.contrib.auth import get_user_model

    return [get_user_model().objects.get(username=u) for u in usernames]


def new_dossier(
    *, award_forms=("giay_khen_xa",), head="truongthon.a1", village="GL-MY-DD-01", with_reports=True
):
    (user,) = users(head)
    nominations = [
        {
            "nominee_kind": "household",
            "nominee_name": f"Hộ ông Nguyễn Văn Đức {i + 1}",
            "award_form": AwardForm.objects.get(code=code),
            "achievement_summary": "Thoát nghèo bền vững, giúp đỡ hộ khác",
        }
        for i, code in enumerate(award_forms)
    ]
    dossier = dossier_open(
        user=user,
        round=Round.objects.get(name="Tổng kết 2021–2025"),
        village=Unit.objects.get(code=village),
        title="Đề nghị khen thưởng tổng kết phong trào",
        nominations=nominations,
    )
    if with_reports:
        for nomination in dossier.nominations.all():
            document_upload(
                user=user,
                dossier_id=dossier.pk,
                kind="bao_cao_thanh_tich",
                upload=pdf_upload(),
                nomination_id=nomination.pk,
            )
    return dossier


def fire(username, dossier, name, **payload):
    (user,) = users(username)
    return dossier_transition(user=user, dossier_id=dossier.pk, name=name, payload=payload)


def commune_documents(dossier, username="xa.a.canbo"):
    (user,) = users(username)
    for kind in ("to_trinh", "bien_ban"):
        document_upload(user=user, dossier_id=dossier.pk, kind=kind, upload=pdf_upload(f"{kind}.pdf"))


def commune_approve_payload(dossier, approved=True):
    return {
        "comment": "Hội đồng họp xét",
        "meeting": {"held_on": TODAY.isoformat(), "members_total": 7, "members_present": 6},
        "verdicts": [
            {"nomination": n.pk, "approved": approved, "votes_for": 6} for n in dossier.nominations.all()
        ],
    }


def appraise_payload(dossier, eligible=True):
    from dossiers.criteria import criteria_keys

    return {
        "verdicts": [
            {
                "nomination": n.pk,
                "eligible": eligible,
                "criteria": {key: True for key in criteria_keys(n.nominee_kind)},
                "note": "Đủ hồ sơ",
            }
            for n in dossier.nominations.filter(commune_approved=True)
        ]
    }


def decision_payload(number="15/QĐ-UBND", when=None, signer=None):
    """A decision's fields; signed by the deciding official unless ``signer`` names another (a vice-chair)."""
    payload = {"decision_number": number, "decision_date": (when or TODAY).isoformat()}
    if signer:
        payload["signer"] = user_id(signer)
    return payload


def user_id(username) -> int:
    return users(username)[0].pk


# Steps that take a dossier one stage further on the normal route, by the official who does it.
def to_submitted(dossier):
    return fire("truongthon.a1", dossier, "submit")


def to_commune_decision(dossier):
    to_submitted(dossier)
    commune_documents(dossier)
    return fire("xa.a.chutich", dossier, "commune_approve", **commune_approve_payload(dossier))


def to_commune_approved(dossier):
    return to_commune_decision(dossier)  # district-level forms stop at commune_approved


def to_appraisal(dossier):
    to_commune_approved(dossier)
    return fire("huyen.ldtbxh", dossier, "compile")


def to_district_decision(dossier):
    to_appraisal(dossier)
    return fire("huyen.noivu", dossier, "appraise", **appraise_payload(dossier))


def to_forwarded(dossier):
    to_district_decision(dossier)
    return fire("huyen.chutich", dossier, "approve", **decision_payload())


ONE_DAY = datetime.timedelta(days=1)
