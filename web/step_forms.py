"""HTML forms that build a transition's payload, for the pages. The service still checks everything."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.criteria import CRITERIA, MIN_REASON_LENGTH, reason_problem
from dossiers.states import Outcome
from permissions import rules
from permissions.names import full_name
from workflows.routing import STEPS_BY_NAME, TITLES, Payload


class TransitionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Ý kiến / lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.name, self.dossier, self.title = name, dossier, TITLES[name]
        self.fields["transition"].initial = name
        self.fields["comment"].required = STEPS_BY_NAME[name].reason_required
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
    signer = forms.TypedChoiceField(label=_("Người ký"), coerce=int)

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        set_signer_choices(self.fields["signer"], rules.deciding_unit_id(dossier))

    def payload(self):
        data = self.cleaned_data
        return {
            **super().payload(),
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"].isoformat(),
            "signer": data["signer"],
        }


def set_signer_choices(field, unit_id) -> None:
    """Who may sign a decision of the unit: its chair (first, the default) and its vice-chairs, by name."""
    signers = list(rules.decision_signers(unit_id)) if unit_id else []
    field.choices = [(m.user_id, f"{full_name(m.user)} – {m.get_role_display()}") for m in signers]
    field.initial = signers[0].user_id if signers else None
    field.help_text = _("Phó Chủ tịch ký thay: quyết định và giấy khen in “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”.")


class ProvinceOutcomeForm(DecisionForm):
    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        del self.fields["signer"]
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
            self.fields[f"reason_{n.pk}"] = forms.CharField(
                label=_("Lý do vẫn đủ điều kiện dù chưa đạt đủ tiêu chí: %s") % n.nominee_name,
                help_text=_("Chỉ ghi khi chọn “Đủ điều kiện” mà còn tiêu chí chưa đạt (ít nhất %d ký tự).")
                % MIN_REASON_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"note_{n.pk}"] = forms.CharField(label=_("Ghi chú"), required=False)

    def clean(self):
        # The service's own rule, so that its message sits next to the reason of the nominee it is about.
        data = super().clean()
        for verdict in self._verdicts(data):
            nomination = next(n for n in self.nominations if n.pk == verdict["nomination"])
            problem = reason_problem(
                name=nomination.nominee_name,
                nominee_kind=nomination.nominee_kind,
                eligible=verdict["eligible"],
                marks=verdict["criteria"],
                reason=verdict["reason"],
            )
            if problem:
                self.add_error(f"reason_{nomination.pk}", problem)
        return data

    def _verdicts(self, data):
        return [
            {
                "nomination": n.pk,
                "eligible": data.get(f"eligible_{n.pk}", False),
                "criteria": {
                    key: data.get(f"criteria_{n.pk}_{key}", False)
                    for key, _label in CRITERIA.get(n.nominee_kind, [])
                },
                "note": data.get(f"note_{n.pk}", ""),
                "reason": data.get(f"reason_{n.pk}", ""),
            }
            for n in self.nominations
        ]

    def payload(self):
        return {**super().payload(), "verdicts": self._verdicts(self.cleaned_data)}


# The page form of each kind of payload (workflows.routing.Payload); a comment-only step uses the base form.
FORMS = {
    Payload.MEETING: CommuneApproveForm,
    Payload.APPRAISAL: AppraiseForm,
    Payload.DECISION: DecisionForm,
    Payload.PROVINCE_OUTCOME: ProvinceOutcomeForm,
}


def form_for(name, dossier, data=None):
    step = STEPS_BY_NAME.get(name)
    if step is None:
        return None
    return FORMS.get(step.payload, TransitionForm)(name, dossier, data=data)
