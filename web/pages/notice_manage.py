"""Niêm yết công khai, the commune officer's side: for each round, how many nominees the commune could post,
the notice running or the last one, and the forms to open one (its period pre-filled: today and 10 working
days) or to end it early with a reason. Every refusal is the service's, shown by its field; nothing typed
is lost."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from dossiers.errors import ServiceRefusal
from permissions import rules
from permissions.models import Unit
from permissions.roles import Level
from publicity.period import default_closes_on
from publicity.selectors import commune_rounds
from publicity.services import notice_close, notice_open

from .requests import show_refusal

# Dates typed dd/mm/yyyy as everywhere on the site (web/pages/decision_form.py), the format in the label.
DAY = forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy"})


def _day_field(label, help_text=""):
    return forms.DateField(
        label=label,
        required=False,
        widget=DAY,
        help_text=help_text,
        error_messages={
            "invalid": _lazy("Ngày phải là một ngày có thật, dạng dd/mm/yyyy, ví dụ: 15/05/2025."),
        },
    )


class OpenForm(forms.Form):
    commune = forms.IntegerField(widget=forms.HiddenInput)
    round = forms.IntegerField(widget=forms.HiddenInput)
    opens_on = _day_field(_lazy("Niêm yết từ ngày (dd/mm/yyyy)"), _lazy("Để trống: niêm yết từ hôm nay."))
    closes_on = _day_field(
        _lazy("Đến hết ngày (dd/mm/yyyy)"),
        _lazy(
            "Để trống: 10 ngày làm việc, tính ngày bắt đầu niêm yết là ngày thứ nhất "
            "(không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ)."
        ),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_lazy("Lý do kết thúc sớm"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def _communes(request):
    """The communes whose notice the user posts, in the acting role."""
    units = Unit.objects.filter(rules.communes_visible(request.user, request.acting), level=Level.COMMUNE)
    return [
        c for c in units.order_by("name") if rules.may_open_public_notice(request.user, c, request.acting)
    ]


def _open_form(commune, round_):
    today = timezone.localdate()
    initial = {
        "commune": commune.pk,
        "round": round_.pk,
        "opens_on": today,
        "closes_on": default_closes_on(today),
    }
    return OpenForm(initial=initial, prefix=f"open-{round_.pk}")


@login_required
def notice_manage(request, bound=None, status=200):
    """``bound``: the form that was refused, by (commune, round) or notice, kept as typed."""
    communes = _communes(request)
    if not communes:
        raise Http404(_("Trang này dành cho cán bộ thi đua – khen thưởng của xã."))
    bound = bound or {}
    sections = []
    for commune in communes:
        rows = commune_rounds(commune)
        for row in rows:
            notice = row["notice"]
            running = notice is not None and not notice.has_ended()
            row["running"] = running
            row["open_form"] = bound.get((commune.pk, row["round"].pk)) or _open_form(commune, row["round"])
            row["close_form"] = (bound.get(notice.pk) if notice else None) or CloseForm(
                prefix=f"close-{notice.pk if notice else 0}"
            )
        sections.append({"commune": commune, "rows": rows})
    return render(request, "publicity/manage.html", {"sections": sections}, status=status)


@login_required
@require_POST
def notice_open_page(request):
    prefix = f"open-{request.POST.get('round_id', '')}"
    form = OpenForm(request.POST, prefix=prefix)
    if not form.is_valid():
        if form.errors.keys() & {"commune", "round"}:
            raise Http404(_("Không có đợt khen thưởng này."))
        return notice_manage(request, _bound(form), status=400)
    data = form.cleaned_data
    try:
        notice = notice_open(
            user=request.user,
            commune_id=data["commune"],
            round_id=data["round"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            acting=request.acting,
        )
    except ServiceRefusal as refusal:
        if refusal.status_code == 404:
            raise Http404(refusal.message) from None
        show_refusal(form, refusal)
        return notice_manage(request, _bound(form), status=refusal.status_code)
    messages.success(
        request,
        _("Đã niêm yết công khai danh sách đề nghị từ ngày %(start)s đến hết ngày %(end)s.")
        % {"start": f"{notice.opens_on:%d/%m/%Y}", "end": f"{notice.closes_on:%d/%m/%Y}"},
    )
    return redirect("public-notice-manage")


def _bound(form) -> dict:
    key = (form.data.get(f"{form.prefix}-commune"), form.data.get(f"{form.prefix}-round"))
    try:
        return {(int(key[0]), int(key[1])): form}
    except (TypeError, ValueError):
        return {}


@login_required
@require_POST
def notice_close_page(request, pk):
    form = CloseForm(request.POST, prefix=f"close-{pk}")
    form.is_valid()
    try:
        notice_close(
            user=request.user,
            notice_id=pk,
            reason=form.data.get(f"close-{pk}-reason", ""),
            acting=request.acting,
        )
    except ServiceRefusal as refusal:
        if refusal.status_code == 404:
            raise Http404(refusal.message) from None
        show_refusal(form, refusal)
        return notice_manage(request, {pk: form}, status=refusal.status_code)
    messages.success(request, _("Đã kết thúc niêm yết công khai; trang công khai không còn nhận góp ý."))
    return redirect("public-notice-manage")
