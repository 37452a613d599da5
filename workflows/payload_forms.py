"""HTML forms that build a transition's payload, for the pages. The service still checks everything."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.criteria import CRITERIA
from dossiers.states import Outcome, SignerCapacity

from .services.handlers import COMMENT_REQUIRED

TITLES = {
    "submit": _("Gửi hồ sơ lên xã"),
    "withdraw": _("Rút hồ sơ"),
    "return_to_village": _("Trả lại thôn"),
    "commune_approve": _("Xã duyệt (họp xét)"),
    "commune_reject": _("Xã không đề nghị"),
    "compile": _("Tổng hợp, chuyển Phòng Nội vụ"),
    "request_supplement": _("Yêu cầu bổ sung"),
    "resubmit": _("Gửi lại sau khi bổ sung"),
    "appraise": _("Hoàn thành thẩm định, trình Chủ tịch"),
    "appraisal_reject": _("Không đủ điều kiện"),
    "approve": _("Phê duyệt, ban hành quyết định"),
    "reject": _("Không phê duyệt"),
    "send_back": _("Trả lại để xem xét lại"),
    "record_province_outcome": _("Ghi nhận kết quả của tỉnh"),
}


class TransitionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Ý kiến / lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name, self.dossier, self.title = name, dossier, TITLES[name]
        self.fields["transition"].initial = name
        self.fields["comment"].required = name in COMMENT_REQUIRED
        self.fields["comment"].error_messages["required"] = _(
            "Vui lòng ghi lý do, để người nhận biết cần làm gì."
        )
        self.prefix = name

    def payload(self) -> dict:
        return {"comment": self.cleaned_data.get("comment", "")}

    def add_refusal(self, refusal):
        for field, messages in (refusal.errors or {"__all__": [refusal.message]}).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class DecisionForm(TransitionForm):
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=40, help_text=_("Ví dụ: 123/QĐ-UBND")
    )
    decision_date = forms.DateField(label=_("Ngày quyết định"), help_text=_("dd/mm/yyyy"))
    signer_capacity = forms.ChoiceField(label=_("Người ký"), choices=SignerCapacity.choices)

    def payload(self):
        data = self.cleaned_data
        return {
            **super().payload(),
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"].isoformat(),
            "signer_capacity": data["signer_capacity"],
        }


class ProvinceOutcomeForm(DecisionForm):
    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        del self.fields["signer_capacity"]
        forwarded = dossier.nominations.filter(outcome=Outcome.FORWARDED)
        self.fields["awarded"] = forms.MultipleChoiceField(
            label=_("Được tỉnh khen thưởng"),
            choices=[(n.pk, f"{n.nominee_name} – {n.award_form}") for n in forwarded],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def payload(self):
        data = self.cleaned_data
        return {
            "comment": data.get("comment", ""),
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"].isoformat(),
            "awarded": [int(pk) for pk in data["awarded"]],
        }


class CommuneApproveForm(TransitionForm):
    held_on = forms.DateField(label=_("Ngày họp xét"), help_text=_("dd/mm/yyyy"))
    members_total = forms.IntegerField(label=_("Số thành viên hội đồng"), min_value=1)
    members_present = forms.IntegerField(label=_("Số thành viên dự họp"), min_value=1)

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        self.nominations = list(dossier.nominations.select_related("award_form"))
        for n in self.nominations:
            self.fields[f"approved_{n.pk}"] = forms.BooleanField(
                label=_("Đồng ý đề nghị: %s") % n.nominee_name, required=False
            )
            self.fields[f"votes_{n.pk}"] = forms.IntegerField(label=_("Số phiếu đồng ý"), min_value=0)

    def payload(self):
        data = self.cleaned_data
        meeting = {k: data[k] for k in ("members_total", "members_present")}
        meeting["held_on"] = data["held_on"].isoformat()
        verdicts = [
            {"nomination": n.pk, "approved": data[f"approved_{n.pk}"], "votes_for": data[f"votes_{n.pk}"]}
            for n in self.nominations
        ]
        return {**super().payload(), "meeting": meeting, "verdicts": verdicts}


class AppraiseForm(TransitionForm):
    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        self.nominations = list(dossier.nominations.filter(commune_approved=True))
        for n in self.nominations:
            self.fields[f"eligible_{n.pk}"] = forms.BooleanField(
                label=_("Đủ điều kiện: %s") % n.nominee_name, required=False
            )
            for key, label in CRITERIA.get(n.nominee_kind, []):
                self.fields[f"criteria_{n.pk}_{key}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"note_{n.pk}"] = forms.CharField(label=_("Ghi chú"), required=False)

    def payload(self):
        data = self.cleaned_data
        verdicts = [
            {
                "nomination": n.pk,
                "eligible": data[f"eligible_{n.pk}"],
                "criteria": {
                    key: data[f"criteria_{n.pk}_{key}"] for key, _label in CRITERIA.get(n.nominee_kind, [])
                },
                "note": data[f"note_{n.pk}"],
            }
            for n in self.nominations
        ]
        return {**super().payload(), "verdicts": verdicts}


FORMS = {
    "commune_approve": CommuneApproveForm,
    "appraise": AppraiseForm,
    "approve": DecisionForm,
    "record_province_outcome": ProvinceOutcomeForm,
}


def form_for(name, dossier, data=None):
    if name not in TITLES:
        return None
    return FORMS.get(name, TransitionForm)(name, dossier, data=data)
