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
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from dossiers.errors import ServiceRefusal
from dossiers.limits import NOMINATIONS_MAX, TextLimit, limit_hint_lazy
from dossiers.models import AwardForm, Document, Round
from dossiers.models.catalog import route_of_units
from dossiers.services.documents import document_remove, document_upload
from dossiers.services.drafting import dossier_update
from dossiers.states import AuthorityLevel, DocumentKind, NomineeKind, RouteName, editors
from dossiers.uploads import check_upload, park_upload, parked_name
from permissions import rules
from workflows.services.lifecycle import dossier_open

from .dossiers import sent_back_reason, visible_dossier
from .requests import show_refusal

SIGNER = signing.Signer(salt="pending-report")
PARKED_GONE = _lazy(
    "Tệp báo cáo tải lên lần trước không còn được giữ trên máy chủ (chỉ giữ 1 ngày). Vui lòng chọn lại tệp."
)


# Text limits (dossiers.limits) are stated in the help text and checked with the drafting service's own
# message. No maxlength attribute: a browser cuts pasted text at it without a word, and a name cut short
# unnoticed is worse than being told to shorten it.
class DossierForm(forms.Form):
    title = forms.CharField(
        label=_lazy("Tiêu đề hồ sơ"),
        validators=[TextLimit("title")],
        help_text=format_lazy(
            "{}. {}",
            _lazy("Ví dụ: Đề nghị khen thưởng tổng kết phong trào 2021–2025"),
            limit_hint_lazy("title"),
        ),
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
    nominee_name = forms.CharField(
        label=_lazy("Tên người / tập thể được đề nghị"),
        validators=[TextLimit("nominee_name")],
        help_text=limit_hint_lazy("nominee_name"),
    )
    # Optional: they let the service tell a namesake from a person proposed twice or awarded before.
    birth_year = forms.IntegerField(
        label=_lazy("Năm sinh (cá nhân, chủ hộ; nếu có)"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    citizen_id = forms.CharField(
        label=_lazy("Số CCCD (nếu có)"),
        required=False,
        help_text=_lazy("12 chữ số; chỉ cán bộ xử lý hồ sơ xem được."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    award_form = forms.ModelChoiceField(
        label=_lazy("Hình thức khen thưởng"), queryset=AwardForm.objects.all()
    )
    achievement_summary = forms.CharField(
        label=_lazy("Tóm tắt thành tích"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        validators=[TextLimit("achievement_summary")],
        help_text=format_lazy(
            "{} {}",
            limit_hint_lazy("achievement_summary"),
            _lazy("Thành tích đầy đủ ghi trong báo cáo thành tích đính kèm."),
        ),
    )
    report = forms.FileField(label=_lazy("Báo cáo thành tích (PDF, ảnh chụp, Word)"), required=False)
    report_token = forms.CharField(widget=forms.HiddenInput, required=False)
    remove_reports = forms.TypedMultipleChoiceField(
        label=_lazy("Gỡ tệp này khỏi hồ sơ"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user=None, award_forms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # whose parked reports this form may use
        if award_forms is not None:  # those the village may ask for (web.pages.dossier_form._award_forms)
            self.fields["award_form"].queryset = award_forms
        # The nominee's reports now in the dossier (from the server, never from the posted form).
        self.reports = self.initial.get("reports", [])
        self.fields["remove_reports"].choices = [(d.pk, d.original_name) for d in self.reports]
        if self.reports:
            self.fields["report"].label = _("Thay báo cáo bằng tệp mới (PDF, ảnh chụp, Word)")
            self.fields["report"].help_text = _(
                "Tệp mới thay cho báo cáo đang có ở trên; báo cáo cũ vẫn được lưu trong lịch sử hồ sơ."
            )

    def report_rows(self):
        """Each current report with its own "remove" box, which asks before it is ticked."""
        boxes = list(self["remove_reports"])
        for box, document in zip(boxes, self.reports, strict=True):
            box.data["attrs"]["data-confirm"] = _(
                "Gỡ tệp “%(name)s” khỏi hồ sơ? Tệp được gỡ khi bạn bấm “Lưu hồ sơ”; lịch sử hồ sơ vẫn giữ lại tệp."
            ) % {"name": document.original_name}
        return list(zip(self.reports, boxes, strict=True))

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


class BaseNominationFormSet(forms.BaseFormSet):
    # Django's own words for these are English even in Vietnamese (its catalogue lacks them).
    default_error_messages = {
        "too_few_forms": _lazy(
            "Hồ sơ cần ít nhất một người hoặc tập thể được đề nghị: hãy điền phần “Đề nghị” "
            "(đối tượng, tên, hình thức khen thưởng)."
        ),
        "too_many_forms": format_lazy(
            _lazy("Một hồ sơ có tối đa {} đề nghị; hãy chia thành nhiều hồ sơ."), NOMINATIONS_MAX
        ),
    }

    def add_fields(self, form, index):
        """A saved nomination's "remove" box names whom it removes and asks before it is ticked."""
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            name = form.initial.get("nominee_name", "")
            form.fields["DELETE"].label = _("Bỏ đề nghị này (xoá “%(name)s” khỏi hồ sơ)") % {"name": name}
            form.fields["DELETE"].widget.attrs["data-confirm"] = _(
                "Bỏ đề nghị “%(name)s” khỏi hồ sơ? Khi bạn bấm “Lưu hồ sơ”, người/tập thể này và báo cáo thành "
                "tích của họ được gỡ khỏi hồ sơ (lịch sử hồ sơ vẫn ghi lại)."
            ) % {"name": name}


# One empty row always follows the filled ones: filling it adds a nomination, even without JavaScript.
# Only saved nominations have a "remove" box: an unsaved row is left out by emptying it.
NominationFormSet = forms.formset_factory(
    NominationForm,
    formset=BaseNominationFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    min_num=1,
    validate_min=True,
    # Django would build up to 1,000 forms for a forged row count; a dossier holds at most this many.
    max_num=NOMINATIONS_MAX,
    absolute_max=NOMINATIONS_MAX,
    validate_max=True,
)


def _initial(dossier):
    current = Document.objects.filter(kind=DocumentKind.BAO_CAO_THANH_TICH, removed_at__isnull=True)
    nominations = dossier.nominations.select_related("award_form").prefetch_related(
        Prefetch("documents", queryset=current, to_attr="current_documents")
    )
    return [
        {
            "id": n.pk,
            "nominee_kind": n.nominee_kind,
            "nominee_name": n.nominee_name,
            "birth_year": n.birth_year,
            "citizen_id": n.citizen_id,
            "award_form": n.award_form,
            "achievement_summary": n.achievement_summary,
            "reports": n.current_documents,
        }
        for n in nominations
    ]


def _award_forms(dossier, village):
    """The award forms the village may ask for: those of the dossier's round (and any it already asks for);
    for a new dossier, those in force today, without the district's where the village's units run the
    two-tier route (there is no district chair since 1 July 2025)."""
    if dossier is not None:
        used = dossier.nominations.values_list("award_form", flat=True)
        return (AwardForm.offered_in(dossier.round) | AwardForm.objects.filter(pk__in=used)).distinct()
    forms = AwardForm.in_force(timezone.localdate())
    if route_of_units(village) == RouteName.TWO_TIER:
        forms = forms.exclude(authority_level=AuthorityLevel.DISTRICT)
    return forms


def _village(request):
    if rules.may_create_dossiers(request.acting):
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
    if rules.edit_membership(request.user, dossier, editors(dossier.status), request.acting) is None:
        messages.error(request, _("Hồ sơ chỉ được sửa khi đang soạn hoặc bị trả lại."))
        return redirect("dossier-detail", pk=pk)
    return _form_page(request, dossier, dossier.village)


def _form_page(request, dossier, village):
    initial = {"title": dossier.title, "round": dossier.round} if dossier else {}
    form = DossierForm(request.POST or None, initial=initial)
    if dossier is not None:
        del form.fields["round"]  # a dossier stays in the round it was opened in
    else:  # the rounds whose route the village's units run
        form.fields["round"].queryset = Round.objects.open_to(village)
    formset = NominationFormSet(
        request.POST or None,
        request.FILES or None,
        initial=_initial(dossier) if dossier else None,
        prefix="n",
        form_kwargs={"user": request.user, "award_forms": _award_forms(dossier, village)},
    )
    if request.method == "POST":
        valid = [form.is_valid(), formset.is_valid()]  # both, so that every error shows at once
        if all(valid):
            try:
                saved = _save(request, dossier, village, form.cleaned_data, formset)
            except ServiceRefusal as refusal:
                show_refusal(form, refusal)
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
        {
            "form": form,
            "formset": formset,
            "dossier": dossier,
            "village": village,
            "sent_back": sent_back_reason(dossier) if dossier else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _items(formset):
    kept = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
    fields = ("nominee_kind", "nominee_name", "birth_year", "citizen_id", "award_form", "achievement_summary")
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
        for document_id in nomination_form.cleaned_data.get("remove_reports") or ():
            document_remove(
                user=request.user, dossier_id=dossier.pk, document_id=document_id, acting=request.acting
            )
        _attach_report(request, dossier, nomination, nomination_form)
    return dossier


def _attach_report(request, dossier, nomination, nomination_form):
    upload, parked = nomination_form.cleaned_data.get("report"), nomination_form.pending()
    if upload is None and parked:
        upload = File(default_storage.open(parked["path"]), name=parked["name"])
    if upload is None:
        return
    reports = nomination.documents.filter(kind=DocumentKind.BAO_CAO_THANH_TICH, removed_at__isnull=True)
    document_upload(
        user=request.user,
        dossier_id=dossier.pk,
        kind=DocumentKind.BAO_CAO_THANH_TICH,
        upload=upload,
        nomination_id=nomination.pk,
        acting=request.acting,
        replaces=list(reports.values_list("pk", flat=True)),  # a nominee has one report: the newest
    )
    if parked:
        transaction.on_commit(lambda: default_storage.delete(parked["path"]))
