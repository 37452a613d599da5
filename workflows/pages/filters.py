"""The filter forms shared by the inbox and the dossier list."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from dossiers.models import AwardForm, Round
from dossiers.states import Status
from dossiers.text import sort_key
from permissions import rules
from permissions.models import Unit

from ..routing import STAGES


class QuickSelect(forms.Select):
    """A select whose options are written in Python. Django renders every option through a template, which
    cost several milliseconds on each list page for a bar of four filters."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], SELECTED if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options)


SELECTED = mark_safe(" selected")


class DossierFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo mã, tiêu đề, tên người được đề nghị"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("vd: nguyen van duc")}),
    )
    round = forms.TypedChoiceField(
        label=_("Đợt"), coerce=int, required=False, empty_value=None, widget=QuickSelect
    )
    commune = forms.TypedChoiceField(
        label=_("Xã"), coerce=int, required=False, empty_value=None, widget=QuickSelect
    )
    award_form = forms.TypedChoiceField(
        label=_("Hình thức khen thưởng"), coerce=int, required=False, empty_value=None, widget=QuickSelect
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả"))] + Status.choices,
        required=False,
        widget=QuickSelect,
    )

    def __init__(self, data=None, *, user, acting):
        super().__init__(data)
        # Choices as plain lists: one query each, and the filters hand ids to the queries.
        everything = [("", _("Tất cả"))]
        self.fields["round"].choices = everything + [(r.pk, str(r)) for r in Round.objects.all()]
        self.fields["award_form"].choices = everything + [(f.pk, str(f)) for f in AwardForm.objects.all()]
        # Only the communes whose dossiers the official sees; an official of one commune needs no choice.
        communes = sorted(
            Unit.objects.filter(rules.communes_visible(user, acting)), key=lambda u: sort_key(u.name)
        )
        if len(communes) > 1:
            self.fields["commune"].choices = everything + [(u.pk, u.name) for u in communes]
        else:
            del self.fields["commune"]

    def values(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class InboxFilterForm(DossierFilterForm):
    stage = forms.ChoiceField(label=_("Bước"), required=False, widget=QuickSelect)
    overdue = forms.BooleanField(label=_("Chỉ việc quá hạn"), required=False)

    def __init__(self, data=None, *, user, acting):
        super().__init__(data, user=user, acting=acting)
        del self.fields["status"]
        self.fields["stage"].choices = [("", _("Tất cả"))] + [(s.name, s.label) for s in STAGES]
