"""The village head's form: the dossier and all its nominations on one page, each with its report.

A failed save keeps everything: typed values are shown again, and a report file that was valid is kept on
the server (signed reference in the form) so that nobody has to upload it twice on a weak connection.
"""

import zlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dossiers.errors import ServiceRefusal
from dossiers.models import AwardForm, Round
from dossiers.services.documents import document_upload
from dossiers.services.drafting import dossier_update
from dossiers.states import DocumentKind, NomineeKind
from dossiers.uploads import check_upload, park_upload, parked_name
from permissions import rules
from permissions.roles import Role

from ..services.lifecycle import dossier_open
from .dossiers import visible_dossier

SIGNER = signing.Signer(salt="pending-report")
PARKED_GONE = _lazy(
    "Tệp báo cáo tải lên lần trước không còn được giữ trên máy chủ (chỉ giữ 1 ngày). Vui lòng chọn lại tệp."
)


class DossierForm(forms.Form):
    title = forms.CharField(
        label=_lazy("Tiêu đề hồ sơ"),
        max_length=300,
        help_text=_lazy("Ví dụ: Đề nghị khen thưởng tổng kết phong trào 2021–2025"),
    )
    round = forms.ModelChoiceField(
        label=_lazy("Đợt khen thưởng"),
        queryset=Round.objects.filter(is_open=True),
        empty_label=_lazy("— Chọn đợt —"),
    )


class NominationForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # An empty first choice keeps the untouched extra row empty, so it is not validated.
    nominee_kind = forms.ChoiceField(
        label=_lazy("Đối tượng"), choices=[("", _lazy("— Chọn —"))] + NomineeKind.choices
    )
    nominee_name = forms.CharField(label=_lazy("Tên người / tập thể được đề nghị"), max_length=300)
    award_form = forms.ModelChoiceField(
        label=_lazy("Hình thức khen thưởng"), queryset=AwardForm.objects.all()
    )
    achievement_summary = forms.CharField(
        label=_lazy("Tóm tắt thành tích"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    report = forms.FileField(label=_lazy("Báo cáo thành tích (PDF, ảnh chụp, Word)"), required=False)
    report_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # whose parked reports this form may use

    def clean_report(self):
        upload = self.cleaned_data.get("report")
        if upload:
            try:
                check_upload(upload)
            except ServiceRefusal as refusal:
                raise forms.ValidationError(refusal.errors.get("file", [refusal.message])) from None
        return upload

    def clean(self):
        data = super().clean()
        if self._signed() and self.pending() is None and not data.get("report"):
            self.add_error("report", PARKED_GONE)  # expired, or a path outside the user's parked files
        return data

    def keep_report(self):
        """Park a valid upload so a failed save does not lose it; return its display name."""
        upload = self.cleaned_data.get("report") if hasattr(self, "cleaned_data") else None
        token = self.pending() and self.data.get(self.add_prefix("report_token"))
        if upload:
            try:
                path = park_upload(
                    user=self.user, upload=upload, replacing=(self.pending() or {}).get("path")
                )
            except ServiceRefusal as refusal:
                self.add_error("report", refusal.message)  # the earlier parked file, if any, stays
            else:
                token = SIGNER.sign_object({"path": path, "name": upload.name})
        self.data = self.data.copy()
        self.data[self.add_prefix("report_token")] = token or ""  # an unusable reference is not sent back
        return self.pending_name()

    def _signed(self):
        try:
            value = SIGNER.unsign_object(self.data.get(self.add_prefix("report_token")) or "")
        except (signing.BadSignature, ValueError, zlib.error):  # ValueError: signed, but not our JSON
            return None
        return value if isinstance(value, dict) else None

    def pending(self):
        """The report parked on an earlier try, if its file is still there and this user's own."""
        value = self._signed()
        path = parked_name(user=self.user, name=value.get("path")) if value else None
        return {"path": path, "name": str(value.get("name") or "")} if path else None

    def pending_name(self):
        value = self.pending()
        return value["name"] if value else None


# One empty row always follows the filled ones: filling it adds a nomination, even without JavaScript.
NominationFormSet = forms.formset_factory(
    NominationForm, extra=1, can_delete=True, min_num=1, validate_min=True
)


def _initial(dossier):
    return [
        {
            "id": n.pk,
            "nominee_kind": n.nominee_kind,
            "nominee_name": n.nominee_name,
            "award_form": n.award_form,
            "achievement_summary": n.achievement_summary,
        }
        for n in dossier.nominations.select_related("award_form")
    ]


def _village(request):
    if request.acting and request.acting.role == Role.VILLAGE_HEAD:
        return request.acting.unit
    return None


@login_required
def dossier_new(request):
    village = _village(request)
    if village is None:
        raise Http404(_("Chỉ trưởng thôn mới lập hồ sơ đề nghị."))
    return _form_page(request, None, village)


@login_required
def dossier_edit(request, pk):
    dossier = visible_dossier(request, pk)
    if rules.edit_membership(request.user, dossier, request.acting) is None:
        messages.error(request, _("Hồ sơ chỉ được sửa khi đang soạn hoặc bị trả lại."))
        return redirect("dossier-detail", pk=pk)
    return _form_page(request, dossier, dossier.village)


def _form_page(request, dossier, village):
    initial = {"title": dossier.title, "round": dossier.round} if dossier else {}
    form = DossierForm(request.POST or None, initial=initial)
    if dossier is not None:
        del form.fields["round"]  # a dossier stays in the round it was opened in
    formset = NominationFormSet(
        request.POST or None,
        request.FILES or None,
        initial=_initial(dossier) if dossier else None,
        prefix="n",
        form_kwargs={"user": request.user},
    )
    if request.method == "POST":
        valid = [form.is_valid(), formset.is_valid()]  # both, so that every error shows at once
        if all(valid):
            try:
                saved = _save(request, dossier, village, form.cleaned_data, formset)
            except ServiceRefusal as refusal:
                _show_refusal(form, formset, refusal)
            else:
                messages.success(
                    request,
                    _("Đã lưu hồ sơ %(code)s. Khi đủ báo cáo thành tích, bấm “Gửi hồ sơ lên xã”.")
                    % {"code": saved.code},
                )
                return redirect("dossier-detail", pk=saved.pk)
        for nomination_form in formset.forms:
            nomination_form.kept = nomination_form.keep_report() if nomination_form.is_bound else None
        messages.error(
            request,
            _(
                "Chưa lưu được: vui lòng sửa các ô được đánh dấu đỏ. Những gì bạn đã nhập và tải lên vẫn được giữ."
            ),
        )
    return render(
        request,
        "workflows/dossier_form.html",
        {"form": form, "formset": formset, "dossier": dossier, "village": village},
        status=400 if request.method == "POST" else 200,
    )


def _show_refusal(form, formset, refusal):
    for field, messages_ in (refusal.errors or {"__all__": [refusal.message]}).items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _items(formset):
    kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    fields = ("nominee_kind", "nominee_name", "award_form", "achievement_summary")
    return kept, [
        {
            **({"id": f.cleaned_data["id"]} if f.cleaned_data.get("id") else {}),
            **{k: f.cleaned_data[k] for k in fields},
        }
        for f in kept
    ]


@transaction.atomic
def _save(request, dossier, village, data, formset):
    kept, items = _items(formset)
    if dossier is None:
        dossier = dossier_open(
            user=request.user,
            round=data["round"],
            village=village,
            title=data["title"],
            nominations=[{k: v for k, v in i.items() if k != "id"} for i in items],
            acting=request.acting,
        )
        targets = list(dossier.nominations.order_by("pk"))
    else:
        known = set(dossier.nominations.values_list("pk", flat=True))
        dossier_update(
            user=request.user,
            dossier_id=dossier.pk,
            title=data["title"],
            nominations=items,
            acting=request.acting,
        )
        added = iter(dossier.nominations.exclude(pk__in=known).order_by("pk"))
        targets = [
            dossier.nominations.get(pk=f.cleaned_data["id"]) if f.cleaned_data.get("id") else next(added)
            for f in kept
        ]
    for nomination_form, nomination in zip(kept, targets, strict=True):
        _attach_report(request, dossier, nomination, nomination_form)
    return dossier


def _attach_report(request, dossier, nomination, nomination_form):
    upload, parked = nomination_form.cleaned_data.get("report"), nomination_form.pending()
    if upload is None and parked:
        upload = File(default_storage.open(parked["path"]), name=parked["name"])
    if upload is None:
        return
    document_upload(
        user=request.user,
        dossier_id=dossier.pk,
        kind=DocumentKind.BAO_CAO_THANH_TICH,
        upload=upload,
        nomination_id=nomination.pk,
        acting=request.acting,
    )
    if parked:
        transaction.on_commit(lambda: default_storage.delete(parked["path"]))
