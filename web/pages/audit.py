"""Nhật ký: every event in the inspector's units (all of them for an administrator), filtered and exported."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dossiers.models import AuditEvent
from dossiers.text import fold
from permissions import rules
from permissions.models import Unit

from ..report_reads import reports_on_replica
from .dossiers import history_csv
from .history import ACTION_LABELS, history_rows

PAGE_SIZE = 50
DATE_ERRORS = {"invalid": _lazy("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/03/2026.")}


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_lazy("Người thực hiện"), required=False, max_length=100)
    action = forms.ChoiceField(label=_lazy("Thao tác"), required=False)
    unit = forms.ModelChoiceField(
        label=_lazy("Đơn vị"),
        queryset=Unit.objects.all(),
        required=False,
        empty_label=_lazy("Tất cả"),
        error_messages={"invalid_choice": _lazy("Chọn một đơn vị trong danh sách.")},
    )
    date_from = forms.DateField(
        label=_lazy("Từ ngày (dd/mm/yyyy)"), required=False, error_messages=DATE_ERRORS
    )
    date_to = forms.DateField(
        label=_lazy("Đến ngày (dd/mm/yyyy)"), required=False, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:  # only the units whose events the reader reads (a short list, never the country)
            self.fields["unit"].queryset = units
        self.fields["action"].choices = [("", _lazy("Tất cả"))] + [(k, v) for k, v in ACTION_LABELS.items()]

    def clean(self):
        data = super().clean()
        for name in ("date_from", "date_to"):
            if data.get(name) and not 1900 <= data[name].year <= 2100:
                self.add_error(name, _("Chọn một ngày trong khoảng năm 1900–2100."))
                data.pop(name, None)
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def valid_filters(self) -> dict:
        """The filters typed correctly. A wrong one is shown with its error and left out, and the others
        still apply, to the page and the CSV alike: an inspector keeps what they narrowed down."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def ignored(self) -> list[str]:
        return [f"“{self.fields[name].label}”" for name in self.errors if name in self.fields]


def actors_matching(text: str) -> list[int]:
    """Ids of the users whose name or username holds ``text``, with or without diacritics. Users are few
    beside the events (the officials of a province), so they are folded here, on every database alike, and
    the events are then found through the index on their actor."""
    wanted = fold(text)
    users = get_user_model().objects.values_list("pk", "username", "last_name", "first_name")
    found = []
    for pk, username, last, first in users:
        last, first = fold(last), fold(first)
        if wanted in fold(username) or wanted in f"{last} {first}" or wanted in f"{first} {last}":
            found.append(pk)
    return found


def _filtered(events, data):
    if data.get("actor", "").strip():
        events = events.filter(actor_id__in=actors_matching(data["actor"]))
    if data.get("action"):
        events = events.filter(action=data["action"])
    if data.get("unit"):
        unit = data["unit"]
        events = events.filter(Q(unit=unit) | Q(**{f"dossier__{unit.level}": unit}))
    start, end = data.get("date_from"), data.get("date_to")
    if start:
        events = events.filter(
            at__gte=timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        )
    if end:
        events = events.filter(
            at__lt=timezone.make_aware(
                datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
            )
        )
    return events


@login_required
@reports_on_replica()
def audit(request):
    scope = rules.audit_filter(request.user, request.acting)
    if scope is None:
        raise Http404(_("Trang này dành cho thanh tra và quản trị viên."))
    units = Unit.objects.filter(rules.audit_units(request.user, request.acting)).order_by("code")
    form = AuditFilterForm(request.GET or None, units=units)
    events = _filtered(AuditEvent.objects.filter(scope), form.valid_filters())
    # The names come after the page's rows are chosen (one query each for at most a page of them): joined in
    # before the sort, every event of the reader's district would be joined to its dossier, unit and actor,
    # reading tables that grow with the country (84 → 22 ms at 100,000 dossiers).
    events = events.prefetch_related("actor", "unit", "dossier").order_by("-at", "-pk")
    if request.GET.get("format") == "csv":
        return history_csv(history_rows(events.iterator(chunk_size=2000)), "nhat-ky.csv")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workflows/audit.html",
        {
            "form": form,
            "ignored": form.ignored(),
            "page": page,
            "rows": history_rows(page.object_list),
            "query": query.urlencode(),
        },
    )
