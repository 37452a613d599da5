"""The inbox's form for one decision over many dossiers: the number, the date and the signer, checked where they
are typed, with the service's refusals shown next to the fields they are about."""

from django import forms
from django.utils.translation import gettext_lazy as _lazy

from permissions import rules
from workflows.services.decisions import DECISION_NUMBER

from ..step_forms import set_signer_choices

# The form of a decision number, said where it is typed (the browser shows it too, from the pattern).
NUMBER_FORM = _lazy(
    "Số quyết định gồm số thứ tự, dấu “/” rồi ký hiệu, không có dấu cách, ví dụ: 123/QĐ-UBND."
)
# A service refusal's fields, and the form's field each one is shown next to.
REFUSAL_FIELDS = {
    "number": "number",
    "decision_number": "number",
    "date": "date",
    "decision_date": "date",
    "signer": "signer",
    "signer_capacity": "signer",
}


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=_lazy("Số quyết định"),
        max_length=40,
        help_text=_lazy("Ví dụ: 123/QĐ-UBND"),
        error_messages={"required": _lazy("Nhập số quyết định, ví dụ: 123/QĐ-UBND.")},
        # The browser's pattern is the service's own (anchored there, implicitly here).
        widget=forms.TextInput(attrs={"pattern": DECISION_NUMBER.pattern.strip("^$"), "title": NUMBER_FORM}),
    )
    date = forms.DateField(
        label=_lazy("Ngày ký (dd/mm/yyyy)"),
        error_messages={
            "required": _lazy("Nhập ngày ký, dạng dd/mm/yyyy."),
            "invalid": _lazy("Ngày ký phải là một ngày có thật, dạng dd/mm/yyyy, ví dụ: 15/05/2025."),
        },
    )
    signer = forms.TypedChoiceField(
        label=_lazy("Người ký"),
        coerce=int,
        error_messages={
            "required": _lazy("Chọn người ký trong danh sách."),
            "invalid_choice": _lazy("Chọn người ký trong danh sách."),
        },
    )

    def __init__(self, *args, unit_id, **kwargs):
        super().__init__(*args, **kwargs)
        set_signer_choices(self.fields["signer"], unit_id)

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        if not DECISION_NUMBER.match(number):
            raise forms.ValidationError(NUMBER_FORM)
        return number

    def add_refusal(self, refusal):
        """The service's words next to the fields they are about; the summary only if none is."""
        placed = False
        for key, problems in (refusal.errors or {}).items():
            if key in REFUSAL_FIELDS:
                placed = True
                for problem in problems:
                    self.add_error(REFUSAL_FIELDS[key], problem)
        if not placed:
            self.add_error(None, refusal.message)


def may_decide(request):
    return rules.may_issue_decisions(request.acting)
