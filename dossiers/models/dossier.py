from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from permissions.models import Unit
from permissions.roles import LEVEL_ORDER, Level

from ..limits import NAME_MAX, TITLE_MAX
from ..lookup_keys import KEY_LENGTH, new_lookup_key
from ..states import (
    SIGNATURE_TITLES,
    WITHDRAWABLE_STATES,
    DocumentKind,
    NomineeKind,
    Outcome,
    RouteName,
    SignerCapacity,
    Status,
)
from ..text import fold
from .catalog import AwardForm, Round

# What the list's indexes carry besides their key: the search, the level reached (visibility) and the columns
# the list shows (web.pages.paging).
LIST_COLUMNS = [
    "search_text",
    "reached_level",
    "code",
    "title",
    "nominations_count",
    "village",
    "commune",
    "round",
]


class Dossier(FSMModelMixin, models.Model):
    """One proposal from one village in one round. Its state changes only through workflows' services."""

    code = models.CharField(_("mã hồ sơ"), max_length=20, unique=True, null=True, blank=True)
    # Printed on the receipt for the public look-up (dossiers.lookup_keys); drawn when the row is made. Not
    # editable, so that no form, admin page or serializer built from the model shows it.
    lookup_key = models.CharField(
        _("mã tra cứu"), max_length=KEY_LENGTH, default=new_lookup_key, editable=False
    )
    round = models.ForeignKey(Round, verbose_name=_("đợt"), on_delete=models.PROTECT, related_name="dossiers")
    village = models.ForeignKey(Unit, verbose_name=_("thôn"), on_delete=models.PROTECT, related_name="+")
    # The rest of the unit line, copied at creation so that visibility needs no join up the tree.
    commune = models.ForeignKey(Unit, verbose_name=_("xã"), on_delete=models.PROTECT, related_name="+")
    # None on the two-tier route: since 1 July 2025 a commune hangs directly under its province.
    district = models.ForeignKey(
        Unit, verbose_name=_("huyện"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    province = models.ForeignKey(Unit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=TITLE_MAX)
    # Code, title and nominee names folded (no diacritics, lower case) for search; see dossiers.text.
    search_text = models.TextField(editable=False, default="")
    # The names of the units a reorganisation moved the dossier from and to, so that the list's search finds
    # it by the commune and district it was made in as well as by its successor's name.
    reorganised_units = models.TextField(editable=False, blank=True, default="")
    # Kept by the drafting services so that lists can show and sort by it without counting.
    nominations_count = models.PositiveSmallIntegerField(_("số đề nghị"), default=0)
    status = FSMField(_("trạng thái"), default=Status.DRAFT, choices=Status.choices, protected=True)
    # The route it follows (its round's, unless a reorganisation moved it) and the stage of that route it is
    # at (empty once finished): written only by workflows' transition service, which reads the route.
    route = models.CharField(_("quy trình"), max_length=20, choices=RouteName.choices)
    stage = models.CharField(_("bước"), max_length=40, blank=True, default="prepare")
    reached_level = models.CharField(
        _("cấp đã tới"), max_length=10, choices=Level.choices, default=Level.VILLAGE
    )
    decision_level = models.CharField(_("cấp quyết định"), max_length=10, choices=Level.choices, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    province_supplement_requests = models.PositiveSmallIntegerField(
        _("số lần tỉnh yêu cầu bổ sung"), default=0
    )
    meeting_held_on = models.DateField(_("ngày họp xét"), null=True, blank=True)
    meeting_members_total = models.PositiveSmallIntegerField(
        _("số thành viên hội đồng"), null=True, blank=True
    )
    meeting_members_present = models.PositiveSmallIntegerField(
        _("số thành viên dự họp"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated = models.DateTimeField(_("cập nhật"), auto_now=True)
    status_changed = models.DateTimeField(_("chuyển trạng thái lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created"]
        # The list reads a commune's or a district's dossiers in its order, filtered by status and searched. In
        # these indexes PostgreSQL finds them, checks the search and the level reached, counts them and reads
        # the columns the list shows without visiting the table; the trigram index would read the posting lists
        # of the whole province instead. (SQLite ignores INCLUDE: hence models.W040 is silenced in the settings.)
        indexes = [
            models.Index(
                fields=["commune", "status", "-status_changed", "-id"],
                include=LIST_COLUMNS,
                name="dossier_commune_list",
            ),
            models.Index(
                fields=["district", "status", "-status_changed", "-id"],
                include=LIST_COLUMNS,
                name="dossier_district_list",
            ),
            models.Index(fields=["village", "status"]),
            # A province's officials see the dossiers that reached the province: a few in twenty of its
            # own. Their dashboard and statistics count those by status and commune from this index alone,
            # and reach their nominations, tasks and events through it, whatever the country's size.
            models.Index(
                fields=["province", "reached_level", "status"],
                include=["commune"],
                name="dossier_province_reach",
            ),
        ]

    def __str__(self):
        return f"{self.code or '—'} {self.title}"

    def refresh_search_text(self):
        names = list(self.nominations.values_list("nominee_name", flat=True))
        parts = [self.code or "", self.title, *names, self.reorganised_units]
        self.search_text = fold(" ".join(part for part in parts if part))
        self.nominations_count = len(names)

    def _reach(self, level):
        if LEVEL_ORDER.index(level) > LEVEL_ORDER.index(self.reached_level):
            self.reached_level = level

    # Transition bodies only set fields. Preconditions, permissions, the audit event and the workflow
    # task are the business of workflows.services.transitions, the one path to every state change.

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self):
        self._reach(Level.COMMUNE)

    @transition(field=status, source=WITHDRAWABLE_STATES, target=Status.WITHDRAWN)
    def withdraw(self):
        pass

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_to_village(self):
        pass

    # The two-tier commune: its emulation office receives, the economic office gives its opinion on the
    # poverty criteria (unless the province switched that stage off), the council meets and votes.

    @transition(
        field=status,
        source=Status.SUBMITTED,
        target=RETURN_VALUE(Status.ECONOMIC_OPINION, Status.COUNCIL_REVIEW),
    )
    def receive(self, *, to):
        return to  # the route's word: the economic office's opinion, unless the province switched it off

    @transition(field=status, source=Status.ECONOMIC_OPINION, target=Status.COUNCIL_REVIEW)
    def give_opinion(self):
        pass

    @transition(field=status, source=Status.COUNCIL_REVIEW, target=Status.APPRAISAL)
    def council_vote(self, *, decision_level, held_on, members_total, members_present):
        self.decision_level = decision_level
        self.meeting_held_on = held_on
        self.meeting_members_total = members_total
        self.meeting_members_present = members_present

    @transition(field=status, source=Status.COUNCIL_REVIEW, target=Status.REJECTED)
    def council_reject(self):
        pass

    @transition(
        field=status,
        source=Status.SUBMITTED,
        target=RETURN_VALUE(Status.COMMUNE_APPROVED, Status.AWAITING_DECISION),
    )
    def commune_approve(self, *, decision_level, held_on, members_total, members_present):
        self.decision_level = decision_level
        self.meeting_held_on = held_on
        self.meeting_members_total = members_total
        self.meeting_members_present = members_present
        if decision_level == Level.COMMUNE:
            return Status.AWAITING_DECISION
        self._reach(Level.DISTRICT)
        return Status.COMMUNE_APPROVED

    @transition(field=status, source=Status.SUBMITTED, target=Status.REJECTED)
    def commune_reject(self):
        pass

    @transition(field=status, source=Status.COMMUNE_APPROVED, target=Status.APPRAISAL)
    def compile(self):
        pass

    def supplement_not_yet_requested(self):
        # The procedure allows one request for a supplement per dossier.
        return self.supplement_requests == 0

    @transition(
        field=status,
        source=Status.APPRAISAL,
        target=RETURN_VALUE(Status.SUPPLEMENT_REQUESTED, Status.VILLAGE_SUPPLEMENT),
        conditions=[supplement_not_yet_requested],
    )
    def request_supplement(self, *, to=Status.SUPPLEMENT_REQUESTED):
        # Who supplements is the route's word: the commune on three tiers, the village on two.
        self.supplement_requests += 1
        return to

    @transition(
        field=status, source=[Status.SUPPLEMENT_REQUESTED, Status.VILLAGE_SUPPLEMENT], target=Status.APPRAISAL
    )
    def resubmit(self):
        pass

    # The province's appraisal (Sở Nội vụ), with one request for a supplement to the unit that submitted.

    def province_supplement_not_yet_requested(self):
        return self.province_supplement_requests == 0

    @transition(
        field=status,
        source=Status.FORWARDED,
        target=Status.PROVINCE_SUPPLEMENT,
        conditions=[province_supplement_not_yet_requested],
    )
    def province_request_supplement(self):
        self.province_supplement_requests += 1

    @transition(field=status, source=Status.PROVINCE_SUPPLEMENT, target=Status.FORWARDED)
    def province_resubmit(self):
        pass

    @transition(field=status, source=Status.FORWARDED, target=Status.AWAITING_DECISION)
    def province_appraise(self):
        self.decision_level = Level.PROVINCE

    @transition(field=status, source=Status.FORWARDED, target=Status.REJECTED)
    def province_appraisal_reject(self):
        pass

    @transition(field=status, source=Status.APPRAISAL, target=Status.AWAITING_DECISION)
    def appraise(self):
        pass

    @transition(field=status, source=Status.APPRAISAL, target=Status.REJECTED)
    def appraisal_reject(self):
        pass

    @transition(
        field=status,
        source=Status.AWAITING_DECISION,
        target=RETURN_VALUE(Status.DECIDED, Status.FORWARDED, Status.FORWARDED_CENTRAL),
    )
    def approve(self, *, forward):
        if not forward:
            return Status.DECIDED
        if self.decision_level == Level.PROVINCE:
            return Status.FORWARDED_CENTRAL  # beyond the province chair: the central level decides
        self._reach(Level.PROVINCE)
        return Status.FORWARDED

    @transition(field=status, source=Status.AWAITING_DECISION, target=Status.REJECTED)
    def reject(self):
        pass

    @transition(
        field=status,
        source=Status.AWAITING_DECISION,
        target=RETURN_VALUE(Status.APPRAISAL, Status.SUBMITTED, Status.FORWARDED),
    )
    def send_back(self, *, to):
        # Where a chair sends a dossier back is the route's word (the stage before the decision).
        return to

    @transition(field=status, source=Status.FORWARDED, target=Status.DECIDED)
    def record_province_outcome(self):
        pass

    @transition(field=status, source=Status.FORWARDED_CENTRAL, target=Status.DECIDED)
    def record_central_outcome(self):
        pass


class Nomination(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="nominations"
    )
    nominee_kind = models.CharField(_("đối tượng"), max_length=12, choices=NomineeKind.choices)
    nominee_name = models.CharField(_("tên đối tượng"), max_length=NAME_MAX)
    award_form = models.ForeignKey(
        AwardForm, verbose_name=_("hình thức khen thưởng"), on_delete=models.PROTECT
    )
    achievement_summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    # Optional identity, for the duplicate and re-award checks (dossiers.duplicates). The citizen ID is shown
    # only to the officials who handle the dossier (permissions.rules.may_see_citizen_id).
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True, default="")
    # The name folded (no diacritics, đ as d, lower case, single spaces): what the checks match on.
    nominee_key = models.CharField(max_length=NAME_MAX, editable=False, default="", db_index=True)
    commune_approved = models.BooleanField(_("xã đề nghị"), null=True, blank=True)
    commune_votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    eligible = models.BooleanField(_("đủ điều kiện (thẩm định)"), null=True, blank=True)
    criteria = models.JSONField(_("tiêu chí thẩm định"), default=dict, blank=True)
    appraisal_note = models.TextField(_("ghi chú thẩm định"), blank=True)
    # Written by the appraiser when a nominee is eligible although some criteria are unmet; empty otherwise.
    eligibility_reason = models.TextField(_("lý do đủ điều kiện khi chưa đạt đủ tiêu chí"), blank=True)
    outcome = models.CharField(_("kết quả"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awarded_nominations",
    )

    class Meta:
        verbose_name = _("đề nghị")
        verbose_name_plural = _("các đề nghị")
        ordering = ["pk"]
        # The dashboard's and the statistics' award counts: the awarded nominations of a set of dossiers, by
        # form and kind, without reading the pending ones (most of the table at any size).
        indexes = [
            models.Index(
                fields=["dossier"],
                include=["award_form", "nominee_kind"],
                condition=models.Q(outcome="awarded"),
                name="nomination_awarded",
            )
        ]

    def __str__(self):
        return f"{self.nominee_name} – {self.award_form}"

    def save(self, *args, **kwargs):
        self.nominee_key = fold(self.nominee_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "nominee_key"}
        super().save(*args, **kwargs)


class Document(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="documents"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("đề nghị"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("tệp"), upload_to="documents/", max_length=300)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu nội dung"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    # A removed or replaced document stays (the history and an inspector may still open it); it is only no
    # longer part of the dossier. ``replaced_by`` is the newer document that took its place, if any.
    removed_at = models.DateTimeField(_("thời điểm gỡ khỏi hồ sơ"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("được thay bằng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"


class Decision(models.Model):
    """A decision (quyết định khen thưởng): one number, many awarded nominations, possibly many dossiers."""

    issuer = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("số quyết định"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    date = models.DateField(_("ngày ký"))
    # The signer is an official of this service, except for a province decision recorded on its return.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ký"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signer_capacity = models.CharField(
        _("thẩm quyền ký"), max_length=12, choices=SignerCapacity.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"), on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"], name="decision_number_unique_per_year"
            )
        ]
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.number} ({self.date:%d/%m/%Y})"

    @property
    def signature_titles(self) -> list[str]:
        """The titles printed above the signer's name; none for a decision recorded without its signer."""
        return SIGNATURE_TITLES.get(self.signer_capacity, [])

    @property
    def signature_line(self) -> str:
        """The signature block on one line, as lists and the API show it: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
        return " / ".join(self.signature_titles)
