from django.urls import path

from . import (
    acting,
    audit,
    dashboard,
    decisions,
    dossier_form,
    dossiers,
    files,
    flags,
    importing,
    inbox,
    notices,
    statistics,
    verify,
)

urlpatterns = [
    path("", inbox.home, name="home"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/claim/", inbox.claim, name="inbox-claim"),
    path("inbox/<int:task_id>/release/", inbox.release, name="inbox-release"),
    path("inbox/<int:task_id>/reassign/", inbox.reassign, name="inbox-reassign"),
    path("role/", acting.choose_role, name="choose-role"),
    path("dossiers/", dossiers.dossier_list, name="dossier-list"),
    path("dossiers/new/", dossier_form.dossier_new, name="dossier-new"),
    path("dossiers/import-template.xlsx", importing.import_template, name="import-template"),
    path("dossiers/<int:pk>/import/", importing.import_nominees, name="dossier-import"),
    path("dossiers/<int:pk>/drafts/<str:kind>.<str:fmt>", dossiers.dossier_draft, name="dossier-draft"),
    path("dossiers/<int:pk>/", dossiers.dossier_detail, name="dossier-detail"),
    path("dossiers/<int:pk>/edit/", dossier_form.dossier_edit, name="dossier-edit"),
    path("dossiers/<int:pk>/history/", dossiers.dossier_history, name="dossier-history"),
    path("dossiers/<int:pk>/claim/", inbox.dossier_claim, name="dossier-claim"),
    path("dossiers/<int:pk>/release/", inbox.dossier_release, name="dossier-release"),
    path("dossiers/<int:pk>/chart.svg", dossiers.dossier_chart_svg, name="dossier-chart"),
    path(
        "dossiers/<int:pk>/actions/<str:name>/", dossiers.dossier_transition_page, name="dossier-transition"
    ),
    path("dossiers/<int:pk>/flags/", flags.flag_decision, name="dossier-flag-decision"),
    path("dossiers/<int:pk>/documents/", dossiers.document_add, name="dossier-document-add"),
    path(
        "dossiers/<int:pk>/documents/<int:document_id>/", dossiers.document_download, name="dossier-document"
    ),
    path("decisions/", decisions.decision_list, name="decision-list"),
    path("decisions/verify/", verify.decision_verify, name="decision-verify"),
    path("decisions/new/", inbox.decision_new, name="decision-new"),
    path("decisions/<int:pk>/pdf/", decisions.decision_document, {"kind": "pdf"}, name="decision-pdf"),
    path(
        "decisions/<int:pk>/certificates/",
        decisions.decision_document,
        {"kind": "certificates"},
        name="decision-certificates",
    ),
    path("notices/", notices.notice_list, name="notices"),
    path("notices/read/", notices.notices_read, name="notices-read"),
    path("audit/", audit.audit, name="audit"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("statistics/", statistics.round_statistics, name="statistics"),
    path("files/<int:pk>/", files.file_status, name="file-status"),
    path("files/<int:pk>/download/", files.file_download, name="file-download"),
]
