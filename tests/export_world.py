"""The world in which an export could show a persona more than their page does, built through the services.

One district decision (9/QĐ-UBND) awards a nominee of dossier "A" (Làng Đê Kôn, Xã Đak Djrăng) and one of
dossier "B" (Làng Đê Hrel, Xã Lơ Pang); A's other nominee goes on to the province, whose decision
(8/QĐ-UBND) awards only them. "A draft" is still in Làng Đê Kôn. The names are unique and none contains
another, so a name found in a file's text is that nominee.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from dossiers.models import Decision, Dossier
from workflows.services.batch import decision_issue

from . import builders as b

A_DISTRICT = "Hộ ông Đinh Văn Thơm"
A_PROVINCE = "Bà Rơ Châm Thị Nga"
B_DISTRICT = "Hộ bà Ksor Thị Bia"
A_DRAFT = "Ông Siu Văn Đoan"
NOMINEES = {"A": {A_DISTRICT, A_PROVINCE}, "B": {B_DISTRICT}, "A draft": {A_DRAFT}}
DISTRICT_NUMBER, PROVINCE_NUMBER = "9/QĐ-UBND", "8/QĐ-UBND"


@dataclass
class World:
    dossiers: dict[str, Dossier]
    district: Decision
    province: Decision

    def codes(self, names) -> set[str]:
        return {self.dossiers[name].code for name in names}

    def placeholders(self) -> dict:
        """The values of the matrix's {A}, {B}, {draft}, {district}, {province} and {round}."""
        return {
            "A": self.dossiers["A"].pk,
            "B": self.dossiers["B"].pk,
            "draft": self.dossiers["A draft"].pk,
            "district": self.district.pk,
            "province": self.province.pk,
            "round": self.dossiers["A"].round_id,
        }


def _named(dossier, *names):
    for nomination, name in zip(dossier.nominations.order_by("pk"), names, strict=True):
        nomination.nominee_name = name
        nomination.save(update_fields=["nominee_name"])
    return dossier


def _to_district_decision_in_commune_b(dossier):
    b.fire("truongthon.b1", dossier, "submit")
    b.commune_documents(dossier, username="xa.b.canbo")
    b.fire("xa.b.chutich", dossier, "commune_approve", **b.commune_approve_payload(dossier))
    b.fire("huyen.ldtbxh", dossier, "compile")
    b.fire("huyen.noivu", dossier, "appraise", **b.appraise_payload(dossier))


def build() -> World:
    a = _named(b.new_dossier(award_forms=("giay_khen_huyen", "bang_khen_tinh")), A_DISTRICT, A_PROVINCE)
    b.to_district_decision(a)
    other = b.new_dossier(award_forms=("giay_khen_huyen",), head="truongthon.b1", village="GL-MY-LP-01")
    _to_district_decision_in_commune_b(_named(other, B_DISTRICT))
    draft = _named(b.new_dossier(), A_DRAFT)
    district = decision_issue(
        user=get_user_model().objects.get(username="huyen.chutich"),
        number=DISTRICT_NUMBER,
        date=b.TODAY,
        signer_capacity="chair",
        dossier_ids=[a.pk, other.pk],
    )
    forwarded = a.nominations.get(nominee_name=A_PROVINCE)
    b.fire(
        "tinh.noivu",
        a,
        "record_province_outcome",
        decision_number=PROVINCE_NUMBER,
        decision_date=b.TODAY.isoformat(),
        awarded=[forwarded.pk],
    )
    return World(
        dossiers={"A": a, "B": other, "A draft": draft},
        district=district,
        province=Decision.objects.get(number=PROVINCE_NUMBER),
    )
