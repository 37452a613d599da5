"""Demo dossiers for `make run`, after seed_demo: a decided 2024 round on the three-tier ladder of Huyện Mang
Yang, and dossiers of Xã Mang Yang at every stage of today's two-tier route in the open round of this year,
so that each demo official finds work in their inbox. The demo officials move every dossier through the
real services (the path of the pages and the API), so histories, decisions and workflow tasks are real.
A round that already holds dossiers is left alone: running it again changes nothing."""

import datetime
import io
import textwrap

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from dossiers.criteria import criteria_keys
from dossiers.models import AwardForm, Round
from dossiers.printing.common import FontMissing, fonts
from dossiers.services.documents import document_upload
from dossiers.states import Outcome, RouteName
from permissions.models import Unit
from workflows.services.batch import decision_issue
from workflows.services.lifecycle import dossier_open
from workflows.services.transitions import dossier_transition

from ._demo_dossiers import LADDER_2024, LADDER_ROUND, TWO_TIER, Text

# The commune's emulation officer and its chair (who chairs the council), per commune of the demo.
COMMUNE_STAFF = {
    "GL-MY-DD": ("xa.a.canbo", "xa.a.chutich"),
    "GL-MY-LP": ("xa.b.canbo", "xa.b.chutich"),
    "GL-XMY": ("xa.my.vhxh", "xa.my.chutich"),
}
HEAD, OFFICER, ECONOMIST = "truongthon.my1", "xa.my.vhxh", "xa.my.kinhte"  # of Xã Mang Yang
D = datetime.date
MEETINGS_2024 = {"GL-MY-DD": D(2024, 10, 25), "GL-MY-LP": D(2024, 10, 28)}  # the councils' meetings


class Command(BaseCommand):
    help = "Tạo hồ sơ mẫu (đợt 2024 đã quyết định, đợt hai cấp đang xét); bỏ qua đợt đã có hồ sơ."

    @transaction.atomic  # all or nothing: a failure leaves no half-made round behind
    def handle(self, *args, **options):
        year = timezone.localdate().year
        current = Round.objects.filter(route=RouteName.TWO_TIER, kind=Round.Kind.ANNUAL, year=year).first()
        if current is None or not get_user_model().objects.filter(username=HEAD).exists():
            raise CommandError(_("Chưa có dữ liệu mẫu: chạy “python manage.py seed_demo” trước."))
        for round_, seed in ((_ladder_round(current.movement), seed_ladder), (current, seed_two_tier)):
            if round_.dossiers.exists():
                self.stdout.write(_("Đợt “%(round)s” đã có hồ sơ: bỏ qua.") % {"round": round_.name})
                continue
            seed(round_)
            done = _("Đã tạo hồ sơ mẫu cho đợt “%(round)s”.") % {"round": round_.name}
            self.stdout.write(self.style.SUCCESS(done))


def _ladder_round(movement) -> Round:
    round_, _created = Round.objects.get_or_create(
        movement=movement,
        name=LADDER_ROUND,
        defaults={
            "kind": Round.Kind.ANNUAL,
            "year": 2024,
            "deadline": timezone.localdate(),
            "is_open": True,
            "route": RouteName.THREE_TIER,
        },
    )
    return round_


# --- the services, as the demo officials ---------------------------------------------------------------


def person(username):
    return get_user_model().objects.get(username=username)


def fire(username, dossier, name, **payload):
    return dossier_transition(user=person(username), dossier_id=dossier.pk, name=name, payload=payload)


def demo_pdf(title: str, body: str = "") -> bytes:
    """A one-page A5 PDF that says what it stands for: the demo's documents are not real scans."""
    try:
        font = fonts()[""]
    except FontMissing:  # the decision PDFs need the fonts, a demo document does not
        font = "Helvetica"
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5)
    page.setFont(font, 13)
    page.drawString(40, 540, title)
    page.setFont(font, 10)
    for row, line in enumerate(textwrap.wrap(body, 62)):
        page.drawString(40, 510 - 14 * row, line)
    page.drawString(40, 40, "Tài liệu mẫu của dữ liệu demo")
    page.save()
    return buffer.getvalue()


def upload(username, dossier, kind, text: Text, nomination=None):
    document_upload(
        user=person(username),
        dossier_id=dossier.pk,
        kind=kind,
        upload=SimpleUploadedFile(text.file, demo_pdf(text.title, text.body), content_type="application/pdf"),
        nomination_id=nomination.pk if nomination else None,
    )


def open_dossier(round_, spec):
    """A draft with its nominations and an achievement report for each, by the village head."""
    dossier = dossier_open(
        user=person(spec.head),
        round=round_,
        village=Unit.objects.get(code=spec.village),
        title=spec.title,
        nominations=[
            {
                "nominee_kind": kind,
                "nominee_name": name,
                "award_form": AwardForm.objects.get(code=form),
                "achievement_summary": summary,
            }
            for kind, name, form, summary in spec.nominees
        ],
    )
    for number, nomination in enumerate(dossier.nominations.order_by("pk"), start=1):
        report = Text(
            f"bao-cao-thanh-tich-{number}.pdf",
            f"Báo cáo thành tích: {nomination.nominee_name}",
            nomination.achievement_summary,
        )
        upload(spec.head, dossier, "bao_cao_thanh_tich", report, nomination)
    return dossier


def council(dossier, step: str, held_on):
    """The commune's submission and minutes, then its council's vote: every nominee proposed."""
    officer, chair = COMMUNE_STAFF[dossier.commune.code]
    upload(
        officer, dossier, "to_trinh", Text("to-trinh.pdf", f"Tờ trình đề nghị khen thưởng – {dossier.code}")
    )
    upload(officer, dossier, "bien_ban", Text("bien-ban-hop-xet.pdf", "Biên bản họp xét Hội đồng TĐKT xã"))
    verdicts = [{"nomination": n.pk, "approved": True, "votes_for": 8} for n in dossier.nominations.all()]
    meeting = {"held_on": held_on.isoformat(), "members_total": 9, "members_present": 8}
    return fire(
        chair,
        dossier,
        step,
        comment="Hội đồng họp xét, nhất trí đề nghị.",
        meeting=meeting,
        verdicts=verdicts,
    )


def appraise(username, dossier, outcome=None):
    """Every criterion met for the nominations under appraisal (at the province: those submitted to it)."""
    nominations = dossier.nominations.filter(commune_approved=True)
    if outcome:
        nominations = nominations.filter(outcome=outcome)
    verdicts = [
        {
            "nomination": n.pk,
            "eligible": True,
            "criteria": dict.fromkeys(criteria_keys(n.nominee_kind), True),
            "note": "Hồ sơ đầy đủ, thành tích được xác nhận.",
        }
        for n in nominations
    ]
    step = "province_appraise" if outcome else "appraise"
    return fire(username, dossier, step, comment="Đủ điều kiện, trình Chủ tịch.", verdicts=verdicts)


def decide(username, dossier, number=None, day=None):
    decision = {"decision_number": number, "decision_date": day.isoformat()} if number else {}
    return fire(username, dossier, "approve", comment="Đồng ý khen thưởng.", **decision)


# --- 2024 on the three-tier ladder: every dossier decided ------------------------------------------------


def seed_ladder(round_):
    # Open while its dossiers are submitted (submit refuses a closed round or one past its deadline).
    round_.deadline, round_.is_open = timezone.localdate(), True
    round_.save(update_fields=["deadline", "is_open"])
    made = {key: open_dossier(round_, spec) for key, spec in LADDER_2024.items()}
    for dossier in made.values():
        fire(dossier.created_by.username, dossier, "submit")
        council(dossier, "commune_approve", MEETINGS_2024[dossier.commune.code])
    decide("xa.a.chutich", made["dd_xa"], "18/QĐ-UBND", D(2024, 11, 15))
    decide("xa.b.chutich", made["lp_xa"], "25/QĐ-UBND", D(2024, 11, 18))
    _ladder_district(made)
    forwarded = made["dd_tinh"].nominations.filter(outcome=Outcome.FORWARDED).values_list("pk", flat=True)
    fire(
        "tinh.noivu",
        made["dd_tinh"],
        "record_province_outcome",
        comment="UBND tỉnh đã khen thưởng.",
        decision_number="1520/QĐ-UBND",
        decision_date="2024-12-27",
        awarded=list(forwarded),
    )
    # Closed, with the deadline it had in 2024.
    round_.deadline, round_.is_open = D(2024, 11, 10), False
    round_.save(update_fields=["deadline", "is_open"])


def _ladder_district(made):
    to_district = ("dd_huyen", "dd_tinh", "dd_tai_ngheo", "lp_huyen", "lp_bo_sung")
    for key in to_district:
        fire("huyen.ldtbxh", made[key], "compile", comment="Tổng hợp, chuyển Phòng Nội vụ thẩm định.")
    fire("huyen.noivu", made["dd_tai_ngheo"], "appraisal_reject", comment=LADDER_2024["dd_tai_ngheo"].reason)
    supplemented = made["lp_bo_sung"]
    fire("huyen.noivu", supplemented, "request_supplement", comment=LADDER_2024["lp_bo_sung"].reason)
    upload("xa.b.canbo", supplemented, "khac", LADDER_2024["lp_bo_sung"].supplement)
    fire("xa.b.canbo", supplemented, "resubmit", comment=LADDER_2024["lp_bo_sung"].supplement.body)
    for key in ("dd_huyen", "dd_tinh", "lp_huyen", "lp_bo_sung"):
        appraise("huyen.noivu", made[key])
    batch = [made[key].pk for key in ("dd_huyen", "dd_tinh", "lp_huyen")]
    decision_issue(
        user=person("huyen.chutich"), number="245/QĐ-UBND", date=D(2024, 12, 10), dossier_ids=batch
    )
    # Signed by the vice-chair on the chair's behalf (KT. CHỦ TỊCH – PHÓ CHỦ TỊCH).
    decision_issue(
        user=person("huyen.phochutich"),
        number="251/QĐ-UBND",
        date=D(2024, 12, 12),
        dossier_ids=[supplemented.pk],
    )


# --- this year on the two-tier route: one dossier at each stage ----------------------------------------


def _opinion(dossier):
    upload(ECONOMIST, dossier, "khac", TWO_TIER_OPINION)
    return fire(ECONOMIST, dossier, "give_opinion", comment=TWO_TIER_OPINION.body)


TWO_TIER_OPINION = Text(
    "y-kien-phong-kinh-te.pdf",
    "Ý kiến của Phòng Kinh tế về tiêu chí giảm nghèo",
    "Đối chiếu kết quả rà soát hộ nghèo, hộ cận nghèo năm 2025: các đề nghị đáp ứng tiêu chí giảm nghèo.",
)
FORWARD = {  # the normal next step at each stage of the commune
    "prepare": lambda d: fire(HEAD, d, "submit"),
    "intake": lambda d: fire(OFFICER, d, "receive", comment="Hồ sơ đủ thành phần."),
    "economic_opinion": _opinion,
    "council": lambda d: council(d, "council_vote", timezone.localdate()),
    "commune_appraisal": lambda d: appraise(OFFICER, d),
}


def advance(dossier, stage: str):
    while dossier.stage != stage:
        dossier = FORWARD[dossier.stage](dossier)
    return dossier


def seed_two_tier(round_):
    today = timezone.localdate()
    made = {key: open_dossier(round_, spec) for key, spec in TWO_TIER.items()}
    for key, stage in (("intake", "intake"), ("opinion", "economic_opinion"), ("council", "council")):
        advance(made[key], stage)
    supplemented = advance(made["supplemented"], "commune_appraisal")
    fire(OFFICER, supplemented, "request_supplement", comment=TWO_TIER["supplemented"].reason)
    upload(HEAD, supplemented, "khac", TWO_TIER["supplemented"].supplement)
    fire(HEAD, supplemented, "resubmit", comment=TWO_TIER["supplemented"].supplement.body)
    for key in ("to_chair", "so_noi_vu", "province_chair", "decided"):
        advance(made[key], "commune_decision")
    decide("xa.my.chutich", made["decided"], "51/QĐ-UBND", today)
    decide("xa.my.phochutich", made["so_noi_vu"], "52/QĐ-UBND", today)  # KT. CHỦ TỊCH
    decide("xa.my.chutich", made["province_chair"])  # only a Bằng khen tỉnh: no commune decision
    appraise("tinh.noivu", made["province_chair"], outcome=Outcome.FORWARDED)
