"""Nhật ký: every event in the inspector's units (all of them for an administrator), filtered and exported."""

import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dossiers.models import AuditEvent
from permissions import rules
from permissions.models import Unit

from .dossiers import history_csv
from .history import ACTION_LABELS, history_rows

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_lazy("Người thực hiện"), required=False, max_length=100)
    action = forms.ChoiceField(label=_lazy("Thao tác"), required=False)
    unit = forms.ModelChoiceField(
        label=_lazy("Đơn vị"), queryset=Unit.objects.all(), required=False, empty_label=_lazy("Tất cả")
    )
    date_from = forms.DateField(label=_lazy("Từ ngày (dd/mm/yyyy)"), required=False)
    date_to = forms.DateField(label=_lazy("Đến ngày (dd/mm/yyyy)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


def _filtered(events, data):
    if data.get("actor"):
        text = data["actor"].strip()
        events = events.filter(
            Q(actor__username__icontains=text)
            | Q(actor__last_name__icontains=text)
            | Q(actor__first_name__icontains=text)
        )
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
def audit(request):
    scope = rules.audit_filter(request.user, request.acting)
    if scope is None:
        raise Http404(_("Trang này dành cho thanh tra và quản trị viên."))
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    events = _filtered(AuditEvent.objects.filter(scope), data).select_related("actor", "unit", "dossier")
    events = events.order_by("-at", "-pk")
    if request.GET.get("format") == "csv":
        return history_csv(history_rows(events.iterator(chunk_size=2000)), "nhat-ky.csv")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workflows/audit.html",
        {"form": form, "page": page, "rows": history_rows(page.object_list), "query": query.urlencode()},
    )
