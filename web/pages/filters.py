"""The filter forms shared by the inbox and the dossier list."""

from django import forms
from django.db.models import F, Value
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from dossiers.models import AwardForm, Round
from dossiers.states import Status
from dossiers.text import sort_key
from permissions import rules
from permissions.models import Unit
from workflows.routes import ROUTES


class QuickSelect(forms.Select):
    """A select whose options are written in Python. Django renders every option through a template, which
    cost several milliseconds on each list page for a bar of four filters."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [_group_html(group, options) for group, options, _index in widget["optgroups"]]
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), mark_safe("".join(parts))
        )


def _group_html(group, options) -> str:
    """One optgroup of options (or the bare options of an ungrouped choice)."""
    rendered = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((option["value"], SELECTED if option["selected"] else "", option["label"]) for option in options),
    )
    return format_html('<optgroup label="{}">{}</optgroup>', group, rendered) if group else rendered


SELECTED = mark_safe(" selected")


def filter_choices(user, acting) -> tuple[list, list, list]:
    """The rounds (newest first), the award forms (in their order) and the communes the official sees (in
    Vietnamese order), as (id, name) lists, from one query: these lists are read on every list and inbox page.

    Each row is (list, id, name, order, then), the list sorting by order, then by then (their models' order).
    """
    rows = (
        Round.objects.order_by()
        .values_list(Value(0), "pk", "name", -F("year"), "name")
        .union(
            AwardForm.objects.order_by().values_list(Value(1), "pk", "name", "position", "code"),
            Unit.objects.filter(rules.communes_visible(user, acting))
            .order_by()
            .values_list(Value(2), "pk", "name", Value(0), "name"),
            all=True,
        )
    )
    lists = ([], [], [])
    for kind, pk, name, order, then in rows:
        lists[kind].append((order, sort_key(then), pk, name))
    return tuple([(pk, name) for *_order, pk, name in sorted(found)] for found in lists)


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
        rounds, award_forms, communes = filter_choices(user, acting)
        everything = [("", _("Tất cả"))]
        self.fields["round"].choices = everything + rounds
        self.fields["award_form"].choices = everything + award_forms
        # Only the communes whose dossiers the official sees; an official of one commune needs no choice.
        if len(communes) > 1:
            self.fields["commune"].choices = everything + communes
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
        # Grouped by route: a two-tier commune's official looks under today's route, not the ladder's.
        self.fields["stage"].choices = [("", _("Tất cả"))] + [
            (route.label, [(s.name, s.label) for s in route.stages]) for route in ROUTES.values()
        ]
