"""HTML forms of the steps, for the dossier page: they render a step's fields and turn what the user typed
into the payload the API sends for the same step, as typed (a date as "dd/mm/yyyy", a count as its digits).

They refuse nothing themselves. The transition's service is the one layer that checks a payload, for the page
and the API alike (workflows.services.handlers), so a bad date or count gets the same words on both; each of
its refusals is shown on the form, next to the field it is about.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.criteria import MIN_REASON_LENGTH, checklists
from dossiers.states import Outcome
from permissions import rules
from permissions.names import full_name
from workflows.routes import STEPS_BY_NAME, TITLES, Payload
from workflows.services.handlers import appraised_nominations


class Collected:
    """Mixed into a form field: it collects the value as typed and never refuses it (no required check, no
    parsing, no validator). Whether a value is missing, malformed or breaks a rule is the service's to say.
    ``required`` only marks the field for the reader: the label's * and the input's ``required``."""

    def clean(self, value):
        return self.to_python(value)


class Text(Collected, forms.CharField):
    pass


class Check(Collected, forms.BooleanField):
    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class Choice(Collected, forms.ChoiceField):
    pass


class Choices(Collected, forms.MultipleChoiceField):
    pass


def count_input(minimum: int):
    return forms.NumberInput(attrs={"min": minimum})


class TransitionForm(forms.Form):
    """A step whose payload is a comment (a required reason, where the step asks one)."""

    transition = Text(widget=forms.HiddenInput, required=False)
    comment = Text(label=_("Ý kiến / lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, name, dossier, *args, nominations=None, checklists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.name, self.dossier, self.title = name, dossier, TITLES[name]
        # What the dossier page already read for its other parts (its nominations with their award forms, the
        # movement's checklists); None: read here, as when a step is sent.
        self.read_nominations, self.read_checklists = nominations, checklists
        self.fields["transition"].initial = name
        self.fields["comment"].required = STEPS_BY_NAME[name].reason_required
        self.prefix = name

    def collected(self) -> dict:
        """What the user typed, field by field (cleaning only collects it: see Collected)."""
        self.is_valid()
        return self.cleaned_data

    def payload(self) -> dict:
        """The payload the API sends for this step, built from what the user typed."""
        return {"comment": self.collected().get("comment", "")}

    def dossier_nominations(self) -> list:
        """The dossier's nominations with their award forms: those the page read, else read now."""
        if self.read_nominations is None:
            self.read_nominations = list(self.dossier.nominations.select_related("award_form"))
        return self.read_nominations

    def add_refusal(self, refusal):
        """The service's refusal on the form: each message next to its field, the others above the form."""
        for key, messages in (refusal.errors or {None: [refusal.message]}).items():
            for message in messages:
                self.add_error(self.field_of(key, message), message)

    def field_of(self, key, message) -> str | None:
        """The form's field a message of the service is about: the one of the same name, if any."""
        return key if key in self.fields else None


class NomineesForm(TransitionForm):
    """A step with a verdict per nominee. The service files the problems of every nominee under one key and
    names the nominee in the message (“name”); the message is shown next to that nominee's own field."""

    # The service's key → the field (a prefix, followed by the nomination's id) its messages are shown next to.
    NOMINEE_FIELDS: dict[str, str] = {}
    nominations: list = []

    def field_of(self, key, message):
        prefix = self.NOMINEE_FIELDS.get(key)
        named = [n for n in self.nominations if f"“{n.nominee_name}”" in message] if prefix else []
        if len(named) == 1:
            return f"{prefix}_{named[0].pk}"
        return super().field_of(key, message)


class DecisionForm(TransitionForm):
    decision_number = Text(label=_("Số quyết định"), max_length=40, help_text=_("Ví dụ: 123/QĐ-UBND"))
    decision_date = Text(label=_("Ngày quyết định"), help_text=_("dd/mm/yyyy"))
    signer = Choice(label=_("Người ký"))

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        if "signer" in self.fields:  # a form without it reads no signers
            set_signer_choices(self.fields["signer"], rules.deciding_unit_id(dossier))

    def payload(self):
        data = self.collected()
        return {
            **super().payload(),
            "decision_number": data.get("decision_number", ""),
            "decision_date": data.get("decision_date", ""),
            "signer": data.get("signer", ""),
        }


def set_signer_choices(field, unit_id) -> None:
    """Who may sign a decision of the unit: its chair (first, the default) and its vice-chairs, by name."""
    signers = list(rules.decision_signers(unit_id)) if unit_id else []
    field.choices = [(m.user_id, f"{full_name(m.user)} – {m.get_role_display()}") for m in signers]
    field.initial = signers[0].user_id if signers else None
    field.help_text = _("Phó Chủ tịch ký thay: quyết định và giấy khen in “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”.")


class ProvinceOutcomeForm(DecisionForm):
    signer = None  # the province's decision is recorded as taken outside the service: no signer to choose

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        forwarded = [n for n in self.dossier_nominations() if n.outcome == Outcome.FORWARDED]
        self.fields["awarded"] = Choices(
            label=_("Được tỉnh khen thưởng"),
            choices=[(n.pk, f"{n.nominee_name} – {n.award_form}") for n in forwarded],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def payload(self):
        data = self.collected()
        return {
            "comment": data.get("comment", ""),
            "decision_number": data.get("decision_number", ""),
            "decision_date": data.get("decision_date", ""),
            "awarded": data.get("awarded", []),
        }


class CommuneApproveForm(NomineesForm):
    held_on = Text(label=_("Ngày họp xét"), help_text=_("dd/mm/yyyy"))
    members_total = Text(label=_("Số thành viên hội đồng"), widget=count_input(1))
    members_present = Text(label=_("Số thành viên dự họp"), widget=count_input(1))

    NOMINEE_FIELDS = {"verdicts": "votes"}

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        self.nominations = self.dossier_nominations()
        for n in self.nominations:
            self.fields[f"approved_{n.pk}"] = Check(label=_("Đồng ý đề nghị: %s") % n.nominee_name)
            self.fields[f"votes_{n.pk}"] = Text(label=_("Số phiếu đồng ý"), widget=count_input(0))

    def payload(self):
        data = self.collected()
        meeting = {key: data.get(key, "") for key in ("held_on", "members_total", "members_present")}
        verdicts = [
            {
                "nomination": n.pk,
                "approved": data.get(f"approved_{n.pk}", False),
                "votes_for": data.get(f"votes_{n.pk}", ""),
            }
            for n in self.nominations
        ]
        return {**super().payload(), "meeting": meeting, "verdicts": verdicts}


class AppraiseForm(NomineesForm):
    NOMINEE_FIELDS = {"reason": "reason", "verdicts": "eligible"}

    def __init__(self, name, dossier, *args, **kwargs):
        super().__init__(name, dossier, *args, **kwargs)
        # The nominees the service weighs at this stage (at the province: those submitted to it), each with
        # the checklist of the dossier's movement.
        self.nominations = list(appraised_nominations(dossier, self.read_nominations))
        self.checklists = self.read_checklists
        if self.checklists is None:
            self.checklists = checklists(dossier.round.movement_id)
        for n in self.nominations:
            self.fields[f"eligible_{n.pk}"] = Check(label=_("Đủ điều kiện: %s") % n.nominee_name)
            for key, label in self.checklists.get(n.nominee_kind, []):
                self.fields[f"criteria_{n.pk}_{key}"] = Check(label=label)
            self.fields[f"reason_{n.pk}"] = Text(
                label=_("Lý do vẫn đủ điều kiện dù chưa đạt đủ tiêu chí: %s") % n.nominee_name,
                help_text=_("Chỉ ghi khi chọn “Đủ điều kiện” mà còn tiêu chí chưa đạt (ít nhất %d ký tự).")
                % MIN_REASON_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"note_{n.pk}"] = Text(label=_("Ghi chú"), required=False)

    def payload(self):
        data = self.collected()
        verdicts = [
            {
                "nomination": n.pk,
                "eligible": data.get(f"eligible_{n.pk}", False),
                "criteria": {
                    key: data.get(f"criteria_{n.pk}_{key}", False)
                    for key in self.checklists.keys_of(n.nominee_kind)
                },
                "note": data.get(f"note_{n.pk}", ""),
                "reason": data.get(f"reason_{n.pk}", ""),
            }
            for n in self.nominations
        ]
        return {**super().payload(), "verdicts": verdicts}


# The page form of each kind of payload (workflows.routes.Payload); a comment-only step uses the base form.
FORMS = {
    Payload.MEETING: CommuneApproveForm,
    Payload.APPRAISAL: AppraiseForm,
    Payload.DECISION: DecisionForm,
    Payload.PROVINCE_OUTCOME: ProvinceOutcomeForm,
}


def form_for(name, dossier, data=None, *, nominations=None, checklists=None):
    """The form of step ``name``; ``nominations`` and ``checklists``: the dossier's, if already read."""
    step = STEPS_BY_NAME.get(name)
    if step is None:
        return None
    form = FORMS.get(step.payload, TransitionForm)
    return form(name, dossier, data=data, nominations=nominations, checklists=checklists)
