from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .names import full_name
from .roles import AGENCY_NAMES, LEVEL_AGENCIES, PARENT_LEVELS, ROLE_LEVEL, AgencyKind, Level, Role


class Unit(models.Model):
    """An administrative unit: province → district → commune → village."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Set by a reorganisation (workflows.models.Reorganisation): the unit ended on that date and its work, if
    # any, passed to its successor. A dissolved unit stays for the history and the decisions it issued.
    dissolved_on = models.DateField(_("giải thể / sáp nhập từ ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def clean(self):
        expected = PARENT_LEVELS.get(self.level)
        if expected is None and self.parent_id:
            raise ValidationError({"parent": _("Cấp tỉnh không có đơn vị cấp trên.")})
        if expected and (self.parent is None or self.parent.level not in expected):
            levels = " / ".join(str(Level(level).label) for level in expected)
            raise ValidationError({"parent": _("Đơn vị cấp trên phải là cấp %(level)s.") % {"level": levels}})

    def ensure_agencies(self) -> None:
        """Give the unit every agency its level has (a unit made in the admin or by a seed works at once)."""
        for kind in LEVEL_AGENCIES[self.level]:
            Agency.objects.get_or_create(
                unit=self, kind=kind, defaults={"name": AGENCY_NAMES[kind].format(unit=self.name)}
            )

    def lineage(self):
        """This unit and its ancestors, keyed by level."""
        line, unit = {}, self
        while unit is not None:
            line[unit.level] = unit
            unit = unit.parent
        return line


class Agency(models.Model):
    """A body of a unit that owns a stage of the procedure (UBND xã, Phòng Nội vụ, …)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="agencies"
    )
    kind = models.CharField(_("loại cơ quan"), max_length=20, choices=AgencyKind.choices)
    name = models.CharField(_("tên"), max_length=200)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        constraints = [models.UniqueConstraint(fields=["unit", "kind"], name="agency_unique_kind_per_unit")]
        permissions = [("work_in_agency", _("Xử lý công việc của cơ quan"))]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user holds a role in a unit. A user may hold several; they act in one at a time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    created = models.DateTimeField(_("ngày giao"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò của cán bộ")
        verbose_name_plural = _("vai trò của cán bộ")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="membership_unique"),
        ]

    # Set on a copy of the row by ``rules.memberships_of`` when the role is lent to the user asking.
    delegation = None

    def __str__(self):
        return f"{self.get_role_display()} – {self.unit}"

    def lent_label(self) -> str:
        """For a role lent to the user asking: for whom they act and until when ("" for their own role)."""
        if self.delegation is None:
            return ""
        return _("thay mặt %(holder)s, đến hết %(end)s") % {
            "holder": full_name(self.delegation.delegator),
            "end": self.delegation.ends_on.strftime("%d/%m/%Y"),
        }

    def clean(self):
        expected = ROLE_LEVEL.get(self.role)
        if expected and self.unit_id and self.unit.level != expected:
            raise ValidationError(
                {
                    "unit": _("Vai trò này phải gắn với đơn vị cấp %(level)s.")
                    % {"level": Level(expected).label}
                }
            )


class DelegationQuerySet(models.QuerySet):
    def in_force(self, on):
        """Delegations that let their delegate act on ``on`` (a date): within their dates, not revoked, and
        of a role the delegator still holds (a role revoked or ended by a reorganisation ends them too)."""
        return self.filter(
            starts_on__lte=on, ends_on__gte=on, revoked_at__isnull=True, membership__isnull=False
        )


class Delegation(models.Model):
    """One of a user's roles lent to a colleague of the same agency for dates (leave, or a chair's absence).

    While in force the delegate holds the role as the delegator does (``rules.memberships_of``) and every
    event they record says for whom they acted. It ends by itself after ``ends_on``; the chair of the unit or
    an administrator may revoke it earlier. The delegator's name, role and unit are copied so the row still
    reads right when the role itself has since been revoked (``membership`` is then empty).
    """

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("vai trò được ủy quyền"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="delegations",
    )
    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người ủy quyền"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người được ủy quyền"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.PROTECT, related_name="+"
    )
    created = models.DateTimeField(_("lập lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["delegate", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="delegation_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} – {self.unit}: {self.delegator} → {self.delegate}"

    def is_in_force(self, on) -> bool:
        """As ``Delegation.objects.in_force(on)`` says, for a row already loaded."""
        return (
            self.revoked_at is None
            and self.membership_id is not None
            and self.starts_on <= on <= self.ends_on
        )
