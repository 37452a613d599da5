"""The filter forms shared by the inbox and the dossier list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.models import AwardForm, Round
from dossiers.states import Status
from permissions.models import Unit
from permissions.roles import Level

from ..routing import STAGES


class DossierFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo mã, tiêu đề, tên người được đề nghị"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("vd: nguyen van duc")}),
    )
    round = forms.ModelChoiceField(
        label=_("Đợt"), queryset=Round.objects.all(), required=False, empty_label=_("Tất cả")
    )
    commune = forms.ModelChoiceField(
        label=_("Xã"),
        queryset=Unit.objects.filter(level=Level.COMMUNE),
        required=False,
        empty_label=_("Tất cả"),
    )
    award_form = forms.ModelChoiceField(
        label=_("Hình thức khen thưởng"),
        queryset=AwardForm.objects.all(),
        required=False,
        empty_label=_("Tất cả"),
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=[("", _("Tất cả"))] + Status.choices, required=False
    )

    def values(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class InboxFilterForm(DossierFilterForm):
    stage = forms.ChoiceField(label=_("Bước"), required=False)
    overdue = forms.BooleanField(label=_("Chỉ việc quá hạn"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["status"]
        self.fields["stage"].choices = [("", _("Tất cả"))] + [(s.name, s.label) for s in STAGES]
