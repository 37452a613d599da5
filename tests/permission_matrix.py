"""Who may do what, written down once as data (the tests in test_permission_matrix.py check every cell).

The subject is one dossier of Làng Đê Kôn (commune A) in each state. For a persona and a transition the
expected answer is: 404 if the persona does not see the dossier in that state, else 403 if they are not
the official who fires the transition, else 409 if the state does not allow it, else 200.
"""

PERSONAS = [
    "truongthon.a1",
    "truongthon.a2",
    "truongthon.b1",
    "xa.a.canbo",
    "xa.a.chutich",
    "xa.a.phochutich",
    "xa.b.canbo",
    "xa.b.chutich",
    "huyen.ldtbxh",
    "huyen.noivu",
    "huyen.chutich",
    "huyen.phochutich",
    "huyen.thanhtra",
    "tinh.noivu",
    "nguoi.ngoai",
]

# The states the subject is put in. "(xã)" is the commune-level route (a commune award decided by the
# commune chair); the others follow the district route.
STATES = [
    "draft",
    "submitted",
    "returned",
    "awaiting_decision (xã)",
    "decided (xã)",
    "rejected",
    "withdrawn",
    "commune_approved",
    "appraisal",
    "supplement_requested",
    "awaiting_decision",
    "forwarded",
    "decided",
]
AT_DISTRICT = {
    "commune_approved",
    "appraisal",
    "supplement_requested",
    "awaiting_decision",
    "forwarded",
    "decided",
}
AT_COMMUNE = set(STATES) - {"draft"}

SEES = {
    "truongthon.a1": set(STATES),
    "xa.a.canbo": AT_COMMUNE,
    "xa.a.chutich": AT_COMMUNE,
    "xa.a.phochutich": AT_COMMUNE,
    "huyen.ldtbxh": AT_DISTRICT,
    "huyen.noivu": AT_DISTRICT,
    "huyen.chutich": AT_DISTRICT,
    "huyen.phochutich": AT_DISTRICT,
    "huyen.thanhtra": set(STATES),
    "tinh.noivu": {"forwarded"},
}

COMMUNE_ROUTE = {"awaiting_decision (xã)", "decided (xã)"}
DISTRICT_ROUTE = AT_DISTRICT


def actors(transition, state) -> set:
    """The personas who may fire ``transition`` on the subject in ``state`` (none: nobody may)."""
    fixed = {
        "submit": "truongthon.a1",
        "withdraw": "truongthon.a1",
        "return_to_village": "xa.a.canbo",
        "commune_approve": "xa.a.chutich",
        "commune_reject": "xa.a.chutich",
        "compile": "huyen.ldtbxh",
        "request_supplement": "huyen.noivu",
        "resubmit": "xa.a.canbo",
        "appraise": "huyen.noivu",
        "appraisal_reject": "huyen.noivu",
        "record_province_outcome": "tinh.noivu",
        "province_request_supplement": "tinh.noivu",
        "province_resubmit": "huyen.noivu",  # the district's Phòng Nội vụ supplements what it submitted
        "province_appraise": "tinh.noivu",
        "province_appraisal_reject": "tinh.noivu",
        "record_central_outcome": "tinh.noivu",
    }
    if transition in fixed:
        return {fixed[transition]}
    # approve, reject, send_back: the chair or a vice-chair of the level that decides, known once the commune
    # has approved.
    if state in COMMUNE_ROUTE:
        return {"xa.a.chutich", "xa.a.phochutich"}
    if state in DISTRICT_ROUTE:
        return {"huyen.chutich", "huyen.phochutich"}
    return set()


SOURCES = {
    "submit": {"draft", "returned"},
    "withdraw": {
        "draft",
        "submitted",
        "returned",
        "awaiting_decision (xã)",
        "commune_approved",
        "appraisal",
        "supplement_requested",
        "awaiting_decision",
        "forwarded",
    },
    "return_to_village": {"submitted"},
    "commune_approve": {"submitted"},
    "commune_reject": {"submitted"},
    "compile": {"commune_approved"},
    "request_supplement": {"appraisal"},
    "resubmit": {"supplement_requested"},
    "appraise": {"appraisal"},
    "appraisal_reject": {"appraisal"},
    "approve": {"awaiting_decision", "awaiting_decision (xã)"},
    "reject": {"awaiting_decision", "awaiting_decision (xã)"},
    "send_back": {"awaiting_decision", "awaiting_decision (xã)"},
    "record_province_outcome": {"forwarded"},
    "province_request_supplement": {"forwarded"},
    "province_resubmit": set(),
    "province_appraise": {"forwarded"},
    "province_appraisal_reject": {"forwarded"},
    "record_central_outcome": set(),
    # Steps of the two-tier route only: a three-tier dossier answers 409 to whoever sees it.
    "receive": set(),
    "give_opinion": set(),
    "council_vote": set(),
    "council_reject": set(),
}
OTHER_ROUTE = {"receive", "give_opinion", "council_vote", "council_reject"}


def expected(persona, transition, state):
    if state not in SEES.get(persona, set()):
        return 404
    if transition in OTHER_ROUTE:
        return 409
    if persona not in actors(transition, state):
        return 403
    if state not in SOURCES[transition]:
        return 409
    return 200


# Pages and API endpoints read by each persona, for a submitted subject ({id} is the subject, {doc} its report).
READS = {
    "/": "home",
    "/inbox/": "all",
    "/dossiers/": "all",
    "/dossiers/{id}/": "sees",
    "/dossiers/{id}/history/": "sees",
    "/dossiers/{id}/chart.svg": "sees",
    "/dossiers/{id}/documents/{doc}/": "sees",
    "/dossiers/{id}/edit/": "editor",
    "/dossiers/new/": "village_head",
    "/audit/": "inspector",
    "/dashboard/": "all",
    "/role/": "all",
    "/api/me/": "all",
    "/api/rounds/": "all",
    "/api/criteria/": "all",
    "/api/dossiers/": "all",
    "/api/dossiers/{id}/": "sees",
    "/api/dossiers/{id}/history/": "sees",
    "/api/dossiers/{id}/documents/{doc}/": "sees",
    "/api/inbox/": "all",
    "/api/schema/": "all",
    "/decisions/": "all",
    "/dossiers/{id}/drafts/to-trinh.pdf": "sees",
    "/dossiers/{id}/drafts/to-trinh.docx": "sees",
    "/notices/": "all",
    "/statistics/": "all",
    "/api/decisions/": "all",
}


WORKS_IN_NO_QUEUE = {"huyen.thanhtra", "nguoi.ngoai"}


def expected_read(persona, path):
    rule = READS[path]
    sees = "submitted" in SEES.get(persona, set())
    if rule == "all":
        return 200
    if rule == "home":  # the inbox for those who work in a queue; the others are sent to what they do
        return 302 if persona in WORKS_IN_NO_QUEUE else 200
    if rule == "sees":
        return 200 if sees else 404
    if rule == "editor":  # nobody edits a submitted dossier: who sees it is sent back to its page
        return 302 if sees else 404
    if rule == "village_head":
        return 200 if persona.startswith("truongthon") else 404
    if rule == "inspector":
        return 200 if persona == "huyen.thanhtra" else 404
    raise ValueError(rule)


# Every named URL of the service is either read above or written by a test named here; a new URL that is
# in neither fails test_every_url_is_in_the_matrix.
WRITES = {
    "inbox-claim": "test_pages_inbox",
    "inbox-release": "test_pages_inbox",
    "inbox-reassign": "test_pages_inbox",
    "dossier-claim": "test_pages_dossier_claim",
    "dossier-release": "test_pages_dossier_claim",
    "dossier-transition": "test_permission_matrix (pages)",
    "dossier-document-add": "test_uploads",
    "api-token": "test_api_basics",
    "api-logout": "test_accounts",
    "api-documents": "test_uploads",
    "api-transition": "test_permission_matrix",
    "dossier-flag-decision": "test_duplicates",
    # Public, without an account: anyone checks a decision PDF (bounded and counted per address).
    "decision-verify": "test_signed_decisions, test_browser_signed_decision",
    "api-decision-verify": "test_signed_decisions",
    # Public, without an account: a dossier's status by its code and the key on its receipt (bounded per
    # address and per code); the receipt itself for the village's head and the commune's officials.
    "status-lookup": "test_status_lookup, test_browser_status_lookup",
    "api-status-lookup": "test_status_lookup",
    "dossier-receipt": "test_status_lookup, test_browser_status_lookup",
    "api-flag-decision": "test_duplicates",
    # The public notice: opened and ended by the commune's officer; read and commented on without an account.
    "public-notices": "test_public_notice_pages",
    "public-notice": "test_public_notice_pages",
    "public-comment": "test_public_notice_pages, test_browser_public_notice",
    "public-notice-pdf": "test_public_notice_pages",
    "public-notice-manage": "test_public_notice_pages",
    "public-notice-open": "test_public_notice_pages, test_browser_public_notice",
    "public-notice-close": "test_public_notice_pages",
    "api-public-notice-open": "test_public_notice_api",
    "api-public-notice-close": "test_public_notice_api",
    "api-public-comments": "test_public_notice_api",
    "api-public-notice": "test_public_notice_api",
    "api-public-comment": "test_public_notice_api",
    # Delegation while away: lent and revoked by the rules' holders, chairs and administrators.
    "delegations": "test_delegation, test_browser_delegation",
    "delegation-revoke": "test_delegation",
    "api-delegations": "test_delegation, test_permission_matrix_delegated",
    "api-delegation-revoke": "test_delegation",
    "login": "test_pages_other",
    "logout": "test_accounts",
    "set_language": "test_pages_other",
    "home": "READS /",
    "inbox": "READS /inbox/",
    "choose-role": "READS /role/",
    "dossier-list": "READS /dossiers/",
    "dossier-new": "READS /dossiers/new/",
    "dossier-detail": "READS",
    "dossier-edit": "READS",
    "dossier-history": "READS",
    "dossier-chart": "READS",
    "dossier-document": "READS",
    "audit": "READS",
    "dashboard": "READS",
    "api-me": "READS",
    "api-rounds": "READS",
    "api-criteria": "READS",
    "api-dossiers": "READS",
    "api-dossier": "READS",
    "api-history": "READS",
    "api-document-download": "READS",
    "api-inbox": "READS",
    "api-schema": "READS",
    "decision-list": "READS",
    "api-decisions": "READS and test_batch_decisions",
    "decision-new": "test_batch_decisions (pages)",
    "notices": "READS",
    "notices-read": "test_notifications",
    "import-template": "test_importing",
    "dossier-import": "test_importing",
    "dossier-draft": "test_documents",
    "statistics": "READS",
    "file-status": "test_generated_files",
    "file-download": "test_generated_files",
    "decision-pdf": "test_documents",
    "decision-certificates": "test_documents",
    "api-decision-pdf": "test_documents",
    "api-decision-certificates": "test_documents",
}


# Exports: every URL that hands out rows (a file, or the API's JSON list of what a page lists) names the page
# whose rows it repeats; the same persona must get exactly the rows that page shows them, never more.
# test_permission_matrix__exports.py reads both, for every persona, in the world of tests/export_world.py
# ({A}, {B}, {draft} its dossiers, {district} and {province} its decisions, {round} its round) and compares
# what is named: "codes" (the dossier codes in it), "names" (the nominees), "communes", "events" (how many
# history events). A page written "/decisions/#district" is that decision's part of the page; several pages
# (a tuple) are read together. An export answers 404 exactly when its page does (or shows no such part).
DISTRICT_PAGE, PROVINCE_PAGE = "/decisions/#district", "/decisions/#province"
EXPORTS = {
    "dossier-list": [("/dossiers/?format=xlsx", "/dossiers/", {"codes"})],
    "api-dossiers": [("/api/dossiers/", "/dossiers/", {"codes"})],
    "decision-list": [("/decisions/?format=xlsx", "/decisions/", {"codes", "names"})],
    "api-decisions": [("/api/decisions/", "/decisions/", {"codes", "names"})],
    "decision-pdf": [
        ("/decisions/{district}/pdf/", DISTRICT_PAGE, {"names"}),
        ("/decisions/{province}/pdf/", PROVINCE_PAGE, {"names"}),
    ],
    "decision-certificates": [
        ("/decisions/{district}/certificates/", DISTRICT_PAGE, {"names"}),
        ("/decisions/{district}/certificates/?fields_only=1", DISTRICT_PAGE, {"names"}),
        ("/decisions/{province}/certificates/", PROVINCE_PAGE, {"names"}),
    ],
    "api-decision-pdf": [
        ("/api/decisions/{district}/pdf/", DISTRICT_PAGE, {"names"}),
        ("/api/decisions/{province}/pdf/", PROVINCE_PAGE, {"names"}),
    ],
    "api-decision-certificates": [
        ("/api/decisions/{district}/certificates/", DISTRICT_PAGE, {"names"}),
        ("/api/decisions/{province}/certificates/", PROVINCE_PAGE, {"names"}),
    ],
    "dossier-draft": [
        ("/dossiers/{A}/drafts/to-trinh.pdf", "/dossiers/{A}/", {"names"}),
        ("/dossiers/{A}/drafts/to-trinh.docx", "/dossiers/{A}/", {"names"}),
        ("/dossiers/{B}/drafts/bao-cao-tham-dinh.pdf", "/dossiers/{B}/", {"names"}),
    ],
    "dossier-history": [
        ("/dossiers/{A}/history/?format=csv", "/dossiers/{A}/history/", {"events", "names"}),
        ("/dossiers/{B}/history/?format=csv", "/dossiers/{B}/history/", {"events", "names"}),
    ],
    "api-history": [("/api/dossiers/{B}/history/", "/dossiers/{B}/history/", {"events"})],
    "audit": [("/audit/?format=csv", "/audit/", {"codes", "events"})],
    "statistics": [("/statistics/?round={round}&format=xlsx", "/statistics/?round={round}", {"communes"})],
    # The API's inbox is the page's two tabs of open work (the page adds the queues a chair oversees).
    "api-inbox": [("/api/inbox/", ("/inbox/?tab=mine", "/inbox/?tab=unit"), {"codes"})],
}

# Files and API answers that hold no rows of a list, and why they need no page to compare with.
NO_ROWS = {
    "import-template": "the empty template for importing nominees",
    "dossier-document": "one uploaded document of a dossier the persona sees (READS)",
    "api-document-download": "one uploaded document of a dossier the persona sees (READS)",
    "file-download": "a file built on the job queue, for its owner only, by dossier-list or "
    "decision-certificates (test_exports)",
    "api-schema": "the API's description: no data",
    "api-rounds": "the rounds, the same for everyone",
    "api-me": "the user's own name and roles",
    "public-notice-pdf": "the paper notice of a commune's nominees, the same for everyone while it runs "
    "(test_public_notice_pages)",
    "api-public-comments": "one dossier's public comments, for the officials who handle it "
    "(test_public_notice_api)",
    "api-delegations": "the delegations the user gave, received or, as a chair, of their unit: the rows of "
    "/delegations/ (test_delegation)",
    "dossier-chart": "the route's flow chart (an image) with the stages the dossier passed marked: no rows",
    "dossier-receipt": "one dossier's receipt with its look-up key, for the village's head and the commune's "
    "officials (test_status_lookup)",
}

# Who sees which dossier of the export world: the rows of every list and export follow from it.
WORLD_SEES = {
    "truongthon.a1": {"A", "A draft"},
    "truongthon.a2": set(),
    "truongthon.b1": {"B"},
    "xa.a.canbo": {"A"},
    "xa.a.chutich": {"A"},
    "xa.a.phochutich": {"A"},
    "xa.b.canbo": {"B"},
    "xa.b.chutich": {"B"},
    "huyen.ldtbxh": {"A", "B"},
    "huyen.noivu": {"A", "B"},
    "huyen.chutich": {"A", "B"},
    "huyen.phochutich": {"A", "B"},
    "huyen.thanhtra": {"A", "B", "A draft"},
    "tinh.noivu": {"A"},  # A has reached the province; B was decided by the district
    "nguoi.ngoai": set(),
}
