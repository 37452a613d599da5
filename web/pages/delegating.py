"""Ủy quyền: an official lends one of their roles to a colleague while away; the chair of the unit (or an
administrator) may end it early. The services (workflows.services.delegation) refuse what the rules do not
allow; this page only collects and shows their words next to the fields they are about."""

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
from permissions.models import Delegation
from permissions.names import full_name
from workflows.services.delegation import REASON_MAX, delegation_create, delegation_revoke

from .requests import show_refusal

CHOOSE = _lazy("Chọn trong danh sách.")


class DelegationForm(forms.Form):
    membership = forms.TypedChoiceField(
        label=_lazy("Vai trò ủy quyền"),
        coerce=int,
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    delegate = forms.TypedChoiceField(
        label=_lazy("Người được ủy quyền"),
        coerce=int,
        help_text=_lazy("Một đồng nghiệp cùng cơ quan; người đó làm việc thay trong thời gian ủy quyền."),
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
    starts_on = forms.DateField(
        label=_lazy("Từ ngày (dd/mm/yyyy)"),
        error_messages={
            "required": _lazy("Nhập ngày bắt đầu, dạng dd/mm/yyyy."),
            "invalid": _lazy("Ngày phải là một ngày có thật, dạng dd/mm/yyyy, ví dụ: 15/12/2026."),
        },
    )
    ends_on = forms.DateField(
        label=_lazy("Đến hết ngày (dd/mm/yyyy)"),
        error_messages={
            "required": _lazy("Nhập ngày kết thúc, dạng dd/mm/yyyy."),
            "invalid": _lazy("Ngày phải là một ngày có thật, dạng dd/mm/yyyy, ví dụ: 15/12/2026."),
        },
    )
    reason = forms.CharField(
        label=_lazy("Lý do (nghỉ phép, đi công tác…)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_lazy("Tối đa %(max)d ký tự.") % {"max": REASON_MAX},
    )

    def __init__(self, *args, lendable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = [("", "—")] + [(m.pk, _role_label(m)) for m in lendable]
        self.fields["delegate"].choices = [("", "—")] + _colleague_groups(lendable)
        self.fields["starts_on"].initial = timezone.localdate()


def _role_label(membership) -> str:
    return f"{membership.get_role_display()} – {membership.unit.name} ({full_name(membership.user)})"


def _colleague_groups(lendable) -> list:
    """The colleagues each lendable role may go to, grouped by that role (the service checks the pair)."""
    groups = []
    for membership in lendable:
        colleagues = rules.delegation_colleagues(membership)
        options = [(c.user_id, f"{full_name(c.user)} – {c.get_role_display()}") for c in colleagues]
        if options:
            groups.append((_role_label(membership), options))
    return groups


def delegation_state(delegation, today) -> tuple[str, str]:
    """(css class, words) of where a delegation stands today."""
    if delegation.revoked_at is not None:
        return "rejected", _("Đã thu hồi")
    if delegation.membership_id is None:
        return "rejected", _("Đã hết (vai trò đã thôi)")
    if delegation.ends_on < today:
        return "draft", _("Đã hết hạn")
    if delegation.starts_on > today:
        return "submitted", _("Sắp có hiệu lực")
    return "decided", _("Đang có hiệu lực")


def _rows(request):
    today = timezone.localdate()
    delegations = Delegation.objects.filter(rules.delegations_filter(request.user, request.acting))
    delegations = delegations.select_related("delegator", "delegate", "unit", "revoked_by")[:200]
    for delegation in delegations:
        css, words = delegation_state(delegation, today)
        revocable = delegation.revoked_at is None and delegation.ends_on >= today
        yield {
            "d": delegation,
            "css": css,
            "state": words,
            "may_revoke": revocable and rules.may_revoke_delegation(request.user, delegation, request.acting),
        }


def _lent_message(delegation) -> str:
    return _("Đã ủy quyền vai trò %(role)s – %(unit)s cho %(name)s từ %(start)s đến hết %(end)s.") % {
        "role": delegation.get_role_display(),
        "unit": delegation.unit.name,
        "name": full_name(delegation.delegate),
        "start": delegation.starts_on.strftime("%d/%m/%Y"),
        "end": delegation.ends_on.strftime("%d/%m/%Y"),
    }


@login_required
def delegation_list(request):
    if not rules.menu(request.user, request.acting)["delegations"]:
        raise Http404(_("Trang này dành cho cán bộ có vai trò."))
    lendable = rules.lendable_memberships(request.user, request.acting)
    form = DelegationForm(request.POST or None, lendable=lendable)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            delegation = delegation_create(
                by=request.user,
                acting=request.acting,
                membership_id=form.cleaned_data["membership"],
                delegate_id=form.cleaned_data["delegate"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceRefusal as refusal:
            show_refusal(form, refusal)
            status = refusal.status_code
        else:
            messages.success(request, _lent_message(delegation))
            return redirect("delegations")
    elif request.method == "POST":
        status = 400
    context = {"form": form, "lendable": lendable, "rows": list(_rows(request))}
    return render(request, "pages/delegations.html", context, status=status)


@login_required
@require_POST
def delegation_revoke_page(request, pk):
    try:
        delegation_revoke(
            by=request.user, acting=request.acting, delegation_id=pk, reason=request.POST.get("reason", "")
        )
    except ServiceRefusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Đã thu hồi ủy quyền; người được ủy quyền thôi làm việc thay từ bây giờ.")
        )
    return redirect("delegations")
