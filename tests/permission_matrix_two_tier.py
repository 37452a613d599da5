"""Who may do what on a two-tier dossier (today's government, no districts), written down once as data; the
tests in test_permission_matrix_two_tier.py check every cell against the running API and pages.

The subject is one dossier of Làng Đê Kôn (GL-XMY-01) of Xã Mang Yang, a commune directly under Tỉnh Gia
Lai, in each state of the two-tier route. For a persona and a step the answer is, in this order (as
``workflows.services.transitions.transition_check`` asks): 404 if the persona does not see the dossier in
that state, else 409 if the dossier's route has no such step, else 403 if the persona is not the official
who fires it, else 409 if the state does not allow it, else 200.

This is what a government service should answer, not a copy of what the code answers: where they differ,
the test lists each cell (persona, step, state, expected, got).
"""

VILLAGE_HEAD, NEIGHBOUR_HEAD = "truongthon.my1", "truongthon.my2"
OFFICER, ECONOMIST = "xa.my.vhxh", "xa.my.kinhte"  # Phòng Văn hóa – Xã hội; Phòng Kinh tế
CHAIR, VICE_CHAIR = "xa.my.chutich", "xa.my.phochutich"
PROVINCE_OFFICER, PROVINCE_CHAIR, PROVINCE_VICE_CHAIR = "tinh.noivu", "tinh.chutich", "tinh.phochutich"

PERSONAS = [
    VILLAGE_HEAD,
    NEIGHBOUR_HEAD,  # head of another village (Tổ dân phố 1) of the same commune
    OFFICER,
    ECONOMIST,
    CHAIR,
    VICE_CHAIR,
    "xa.dd.vhxh",  # officer and chair of another two-tier commune of the same province
    "xa.dd.chutich",
    "xa.a.canbo",  # officer and chair of a three-tier commune (Xã Đak Djrăng, Huyện Mang Yang)
    "xa.a.chutich",
    "huyen.ldtbxh",  # the former district: it has no part in a two-tier dossier
    "huyen.noivu",
    "huyen.chutich",
    "huyen.phochutich",
    "huyen.thanhtra",
    PROVINCE_OFFICER,
    PROVINCE_CHAIR,
    PROVINCE_VICE_CHAIR,
    "tinh.dl.noivu",  # Sở Nội vụ of another province
    "nguoi.ngoai",
]

# The states the subject is put in, each with the stage of the two-tier route it is then at ("" once the
# dossier is finished). "(xã)": a commune award, decided by the commune chair; "(tỉnh)": a province award,
# decided by the province chair; forwarded_central: a national award the province chair sent higher.
STAGES = {
    "draft": "prepare",
    "returned": "prepare",
    "submitted": "intake",
    "economic_opinion": "economic_opinion",
    "council_review": "council",
    "appraisal": "commune_appraisal",
    "village_supplement": "village_supplement",
    "awaiting_decision (xã)": "commune_decision",
    "decided (xã)": "",
    "rejected": "",  # the commune's council did not propose it
    "withdrawn": "",  # withdrawn by the village once submitted
    "forwarded": "province_appraisal",
    "province_supplement": "province_supplement",
    "awaiting_decision (tỉnh)": "province_decision",
    "forwarded_central": "central_outcome",
    "decided (tỉnh)": "",
}
STATES = list(STAGES)
AT_COMMUNE = set(STATES) - {"draft"}
AT_PROVINCE = {
    "forwarded",
    "province_supplement",
    "awaiting_decision (tỉnh)",
    "forwarded_central",
    "decided (tỉnh)",
}

# Who sees the subject: the village that made it; the commune's offices, chair and vice-chair once it is
# submitted (the economic office is the movement's standing office: it follows its commune's dossiers); the
# province once the commune has submitted it there. Nobody of another village, commune, district or
# province, and no district at all: a two-tier dossier has none.
SEES = {
    VILLAGE_HEAD: set(STATES),
    OFFICER: AT_COMMUNE,
    ECONOMIST: AT_COMMUNE,
    CHAIR: AT_COMMUNE,
    VICE_CHAIR: AT_COMMUNE,
    PROVINCE_OFFICER: AT_PROVINCE,
    PROVINCE_CHAIR: AT_PROVINCE,
    PROVINCE_VICE_CHAIR: AT_PROVINCE,
}

FIRED_BY = {
    "submit": VILLAGE_HEAD,
    "withdraw": VILLAGE_HEAD,
    "return_to_village": OFFICER,
    "receive": OFFICER,
    "give_opinion": ECONOMIST,
    "council_vote": CHAIR,  # the commune chair chairs the emulation council
    "council_reject": CHAIR,
    "request_supplement": OFFICER,
    "resubmit": VILLAGE_HEAD,  # the village supplements what the commune's appraisal asked for
    "appraise": OFFICER,
    "appraisal_reject": OFFICER,
    "province_request_supplement": PROVINCE_OFFICER,
    "province_resubmit": OFFICER,  # the commune supplements what it submitted to the province
    "province_appraise": PROVINCE_OFFICER,
    "province_appraisal_reject": PROVINCE_OFFICER,
    "record_central_outcome": PROVINCE_OFFICER,
}
DECIDING = {"approve", "reject", "send_back"}

# The province chair decides a dossier once Sở Nội vụ has appraised it and put it to him; until then (and
# while the commune supplements for the province) the decider is still the commune chair, who decided and
# submitted it: deciding again is a conflict (409), as the district chair's is on three tiers. The commune
# is the first decider of every two-tier dossier from the day it is made, before its council has voted too.
DECIDED_BY_PROVINCE = {"awaiting_decision (tỉnh)", "forwarded_central", "decided (tỉnh)"}


def actors(step, state) -> set:
    """The personas who fire ``step`` on the subject in ``state``."""
    if step in FIRED_BY:
        return {FIRED_BY[step]}
    if state in DECIDED_BY_PROVINCE:
        return {PROVINCE_CHAIR, PROVINCE_VICE_CHAIR}
    return {CHAIR, VICE_CHAIR}


BEFORE_A_DECISION = set(STATES) - {"decided (xã)", "rejected", "withdrawn", "decided (tỉnh)"}
SOURCES = {
    "submit": {"draft", "returned"},
    "withdraw": BEFORE_A_DECISION,
    "return_to_village": {"submitted"},
    "receive": {"submitted"},
    "give_opinion": {"economic_opinion"},
    "council_vote": {"council_review"},
    "council_reject": {"council_review"},
    "request_supplement": {"appraisal"},
    "resubmit": {"village_supplement"},
    "appraise": {"appraisal"},
    "appraisal_reject": {"appraisal"},
    "approve": {"awaiting_decision (xã)", "awaiting_decision (tỉnh)"},
    "reject": {"awaiting_decision (xã)", "awaiting_decision (tỉnh)"},
    "send_back": {"awaiting_decision (xã)", "awaiting_decision (tỉnh)"},
    "province_request_supplement": {"forwarded"},
    "province_resubmit": {"province_supplement"},
    "province_appraise": {"forwarded"},
    "province_appraisal_reject": {"forwarded"},
    "record_central_outcome": {"forwarded_central"},
    # Steps of the three-tier route only: a two-tier dossier answers 409 to whoever sees it.
    "commune_approve": set(),
    "commune_reject": set(),
    "compile": set(),
    "record_province_outcome": set(),
}
OTHER_ROUTE = {"commune_approve", "commune_reject", "compile", "record_province_outcome"}


def expected(persona, step, state):
    if state not in SEES.get(persona, set()):
        return 404
    if step in OTHER_ROUTE:
        return 409
    if persona not in actors(step, state):
        return 403
    if state not in SOURCES[step]:
        return 409
    return 200


# The dossier's own pages and API reads: 200 to whoever sees it, 404 to everyone else.
READS = [
    "/dossiers/{id}/",
    "/dossiers/{id}/history/",
    "/api/dossiers/{id}/",
    "/api/dossiers/{id}/history/",
]
READ_STATES = ["draft", "submitted", "decided (xã)", "forwarded"]


def expected_read(persona, state):
    return 200 if state in SEES.get(persona, set()) else 404
