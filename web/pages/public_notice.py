"""Niêm yết công khai, without an account: the running notices, one notice with its nominees, the comment
form for one nominee, and the paper notice as PDF. The address is printed on the paper posted at the
commune's office, so it is short and in Vietnamese: /cong-khai/."""

import functools

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from dossiers.errors import DossierNotFound, ServiceRefusal
from permissions import rules
from publicity.listing import listed_nominations, public_nominee, public_nominees
from publicity.models import COMMENT_TEXT_MAX, COMMENTER_NAME_MAX
from publicity.printing import notice_pdf
from publicity.selectors import notice_by_id, notices_index, province_of
from publicity.services import comment_add

from ..public_comments import address_hash, comment_allowed, too_many_message


def public_page(view):
    """A page for people without an account: what is not found is said on a public page that leads to the
    other public pages, not on the officials' one (which sends them to the login)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404 as missing:
            message = str(missing) or _("Không tìm thấy thông báo niêm yết.")
            return render(request, "publicity/not_found.html", {"message": message}, status=404)

    return wrapped


def _notice(pk):
    try:
        return notice_by_id(pk)
    except DossierNotFound:
        raise Http404(_("Không tìm thấy thông báo niêm yết.")) from None


def notice_index(request):
    query = request.GET.get("q", "")[:100]
    return render(request, "publicity/index.html", {"groups": notices_index(query), "q": query})


def _officer(request, notice) -> bool:
    """The commune's officer sees the list and prints it before the first day and after the last."""
    acting = getattr(request, "acting", None)
    return request.user.is_authenticated and rules.may_open_public_notice(
        request.user, notice.commune, acting
    )


@public_page
def notice_page(request, pk):
    notice = _notice(pk)
    shown = notice.is_running() or _officer(request, notice)
    return render(
        request,
        "publicity/notice.html",
        {
            "notice": notice,
            "province": province_of(notice.commune),
            "nominees": public_nominees(notice) if shown else [],
            "shown": shown,
            "running": notice.is_running(),
        },
    )


@public_page
def notice_document(request, pk):
    notice = _notice(pk)
    if not (notice.is_running() or _officer(request, notice)):
        raise Http404(_("Thông báo này không còn niêm yết."))
    address = settings.SITE_URL.rstrip("/") + reverse("public-notice", args=[notice.pk])
    response = HttpResponse(
        notice_pdf(notice, public_nominees(notice), address), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="thong-bao-niem-yet-{notice.pk}.pdf"'
    return response


class CommentForm(forms.Form):
    """Collects what was typed; every refusal is the service's (publicity.contact), shown by its field."""

    commenter_name = forms.CharField(
        label=_lazy("Họ và tên"), required=False, max_length=COMMENTER_NAME_MAX * 2
    )
    phone = forms.CharField(
        label=_lazy("Số điện thoại"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=_lazy("Thư điện tử"),
        required=False,
        max_length=320,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_lazy("Nhập số điện thoại hoặc thư điện tử (ít nhất một) để cơ quan liên hệ khi cần."),
    )
    text = forms.CharField(
        label=_lazy("Nội dung góp ý"),
        required=False,
        max_length=COMMENT_TEXT_MAX * 2,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": COMMENT_TEXT_MAX}),
        help_text=_lazy("Tối đa 2.000 ký tự."),
    )


def _nominee(notice, request):
    nominee_id = request.GET.get("nominee", "")
    nomination = listed_nominations(notice).filter(pk=nominee_id).first() if nominee_id.isdigit() else None
    if nomination is None:
        raise Http404(_("Không tìm thấy người được đề nghị này trong danh sách niêm yết."))
    return public_nominee(nomination)


@public_page
@require_http_methods(["GET", "POST"])
def comment_page(request, pk):
    notice = _notice(pk)
    if not notice.is_running():  # before or after the period the nominees are not public
        context = {"notice": notice, "running": False}
        return render(
            request, "publicity/comment.html", context, status=409 if request.method == "POST" else 200
        )
    nominee = _nominee(notice, request)
    context = {"notice": notice, "nominee": nominee, "running": notice.is_running()}
    if request.method == "GET":
        return render(request, "publicity/comment.html", {**context, "form": CommentForm()})
    form = CommentForm(request.POST)
    if not comment_allowed(request):
        context.update(form=form, error=too_many_message())
        return render(request, "publicity/comment.html", context, status=429)
    status = _send(request, notice, nominee, form)
    if status is None:
        messages.success(
            request,
            _(
                "Cảm ơn bạn. Góp ý về %(name)s đã được gửi tới cán bộ xét hồ sơ. Cán bộ xét hồ sơ sẽ xem "
                "góp ý trước khi Hội đồng họp xét."
            )
            % {"name": nominee.name},
        )
        return redirect("public-notice", pk=notice.pk)
    return render(request, "publicity/comment.html", {**context, "form": form}, status=status)


def _send(request, notice, nominee, form) -> int | None:
    """Hand the typed fields to the service; None once stored, else the refusal's status, its message shown
    on the form (a field's next to it)."""
    form.is_valid()
    data = {name: form.data.get(name, "") for name in form.fields}
    try:
        comment_add(notice_id=notice.pk, nomination_id=nominee.id, address_hash=address_hash(request), **data)
    except ServiceRefusal as refusal:
        for field, problems in refusal.errors.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        if not refusal.errors:
            form.add_error(None, refusal.message)
        return refusal.status_code
    return None
