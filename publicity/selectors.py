"""Reads of the public notice: what the public sees (running notices, one notice), and what officials see
(the notices of their commune, the comments on a dossier they handle)."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.errors import DossierNotFound
from dossiers.models import Nomination, Round
from dossiers.text import fold
from permissions import rules
from permissions.roles import Level

from .listing import NOT_LISTED_STATES, listed_names, waiting_for_council
from .models import PublicComment, PublicNotice


def running_notices(today=None):
    today = today or timezone.localdate()
    return (
        PublicNotice.objects.filter(closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today)
        .select_related("commune__parent__parent", "round")
        .order_by("commune__name", "round__name", "pk")
    )


def province_of(commune):
    """The commune's province: its parent on two tiers, its district's parent on three."""
    parent = commune.parent
    if parent is None or parent.level == Level.PROVINCE:
        return parent
    return parent.parent


def notices_index(query: str = "") -> list[dict]:
    """The running notices grouped by province, those matching ``query`` (with or without diacritics) in
    the commune's, district's, province's or round's name, or in a listed nominee's or village's name."""
    wanted, groups = fold(query), {}
    notices = list(running_notices())
    named = _naming(wanted, notices) if wanted else set()
    for notice in notices:
        province = province_of(notice.commune)
        district = notice.commune.parent if notice.commune.parent != province else None
        names = [notice.commune.name, notice.round.name, province.name if province else ""]
        names.append(district.name if district else "")
        if wanted and wanted not in fold(" ".join(names)) and notice.pk not in named:
            continue
        group = groups.setdefault(province.pk if province else 0, {"province": province, "notices": []})
        group["notices"].append({"notice": notice, "district": district})
    return sorted(groups.values(), key=lambda g: g["province"].name if g["province"] else "")


def _naming(wanted: str, notices) -> set[int]:
    """The notices that list a nominee or a village whose folded name holds ``wanted`` (one query)."""
    rows = listed_names(n.pk for n in notices)
    return {notice_id for notice_id, name, village in rows if wanted in fold(name) or wanted in fold(village)}


def notice_by_id(pk) -> PublicNotice:
    notice = PublicNotice.objects.select_related("commune__parent__parent", "round").filter(pk=pk).first()
    if notice is None:
        raise DossierNotFound(_("Không tìm thấy thông báo niêm yết."))
    return notice


def unended_notices():
    """Notices running or about to (neither closed nor past their last day)."""
    return PublicNotice.objects.filter(closed_at__isnull=True, closes_on__gte=timezone.localdate())


def notice_of_dossier(dossier):
    """The notice running (or about to) that lists this dossier's nominees, if any."""
    if dossier.status in NOT_LISTED_STATES:
        return None
    return unended_notices().filter(entries__nomination__dossier=dossier).distinct().first()


def readable_comments(user, dossier, acting=None):
    """The public comments on the dossier if the user may read them, else None."""
    if not rules.may_read_public_comments(user, dossier, acting):
        return None
    return list(PublicComment.objects.filter(dossier=dossier).order_by("created", "pk"))


def comment_counts(dossier_ids) -> dict[int, int]:
    """How many public comments each dossier received, in one query."""
    rows = (
        PublicComment.objects.filter(dossier_id__in=list(dossier_ids))
        .values("dossier_id")
        .annotate(count=Count("pk"))
    )
    return {row["dossier_id"]: row["count"] for row in rows}


def commune_rounds(commune) -> list[dict]:
    """For the officer's page: each round in which the commune has nominees waiting for its council (the
    ones a notice would list), or a notice already, with the number listable now and its latest notice,
    newest round first. A round whose dossiers are all past the council offers nothing to post."""
    listable = (
        waiting_for_council(Nomination.objects.filter(dossier__commune=commune))
        .values("dossier__round")
        .annotate(count=Count("pk"))
    )
    counts = {row["dossier__round"]: row["count"] for row in listable}
    latest = {}
    for notice in PublicNotice.objects.filter(commune=commune).order_by("opened_at", "pk"):
        latest[notice.round_id] = notice
    rounds = Round.objects.filter(pk__in=set(counts) | set(latest))
    return [
        {"round": round_, "listable": counts.get(round_.pk, 0), "notice": latest.get(round_.pk)}
        for round_ in rounds.order_by("-year", "name")
    ]
