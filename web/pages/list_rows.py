"""The rows of Tra cứu hồ sơ, written in Python.

A list page shows 25 rows of seven cells. Through the template language each cell cost a lookup, an escape and
a localisation, which together cost more than the database took to find the rows; format_html escapes every
value here, and the labels that the phone layout shows before each cell are translated once a page.
"""

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..templatetags.dossier_tags import status_badge
from .rows import detail_urls, escaped_labels, place

ROW = (
    '<tr><td data-label="{l_code}"><a href="{url}">{code}</a></td><td data-label="{l_title}">{title}</td>'
    '<td data-label="{l_place}">{place}</td><td data-label="{l_round}">{round}</td>'
    '<td data-label="{l_count}">{count}</td><td data-label="{l_status}">{badge}</td>'
    '<td data-label="{l_changed}">{changed}</td></tr>'
)


def list_rows(dossiers: list[dict]) -> str:
    """The table body for a page of dossiers (dicts of web.pages.paging's columns)."""
    url_of = detail_urls()
    labels = _labels()
    badges = {status: status_badge(status) for status in {dossier["status"] for dossier in dossiers}}
    return mark_safe(
        "".join(
            format_html(
                ROW,
                **labels,
                url=url_of(dossier["pk"]),
                code=dossier["code"],
                title=dossier["title"],
                place=place(dossier["village_name"], dossier["commune_name"]),
                round=dossier["round_name"],
                count=dossier["nominations_count"],
                badge=badges[dossier["status"]],
                changed=f"{timezone.localtime(dossier['status_changed']):%d/%m/%Y %H:%M}",
            )
            for dossier in dossiers
        )
    )


def _labels() -> dict:
    return escaped_labels(
        l_code=_("Mã hồ sơ"),
        l_title=_("Tiêu đề"),
        l_place=_("Thôn / Xã"),
        l_round=_("Đợt"),
        l_count=_("Số đề nghị"),
        l_status=_("Trạng thái"),
        l_changed=_("Cập nhật"),
    )
