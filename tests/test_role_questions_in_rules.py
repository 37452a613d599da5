"""Pages, API endpoints and templates ask permissions.rules (directly, or through a context value such as
``menu``); none compares roles itself, so a role's powers are read in one place."""

import re
from pathlib import Path

from dossiers.states import Status
from permissions.roles import Role

ROOT = Path(__file__).resolve().parent.parent
# The layers that sit on top of the services (``web`` once the pages and API move into their own app).
PYTHON = ["workflows/pages", "workflows/api", "workflows/templatetags", "web"]
TEMPLATES = ["templates", "workflows/templates", "web/templates"]

ROLE_VALUE = "|".join(re.escape(role.value) for role in Role)
# A role compared, or a role's name or value written out: each is a decision that belongs in rules.
PATTERNS = [
    re.compile(r"\.role\s*(==|!=|\bin\b|\bnot\s+in\b)"),
    re.compile(r"\bRole\.[A-Z]"),
    re.compile(r"acting\.role\b"),
    re.compile(rf"""["'](?:{ROLE_VALUE})["']"""),
]


def role_checks(source: str) -> list[str]:
    """The lines of ``source`` that decide something by role."""
    return [line.strip() for line in source.splitlines() if any(p.search(line) for p in PATTERNS)]


def _files():
    for folder in PYTHON:
        yield from (ROOT / folder).rglob("*.py")
    for folder in TEMPLATES:
        yield from (ROOT / folder).rglob("*.html")


def test_no_page_api_endpoint_or_template_compares_roles_itself():
    found = {
        str(path.relative_to(ROOT)): checks
        for path in _files()
        if (checks := role_checks(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "ask permissions/rules.py instead (a context value for templates):\n" + "\n".join(
        f"{name}: {line}" for name, checks in found.items() for line in checks
    )


def test_each_way_of_comparing_roles_is_recognised():
    assert role_checks("{% if request.acting.role == 'village_head' %}")
    assert role_checks("{% if user.is_superuser or request.acting.role == 'inspector' %}")
    assert role_checks("if request.acting and request.acting.role == Role.VILLAGE_HEAD:")
    assert role_checks("if membership.role in (Role.COMMUNE_CHAIR,):")
    assert role_checks('if m.role in {"appraiser"}:')
    assert not role_checks("{% if menu.create %}")
    assert not role_checks('"role": label(dict(Role.choices), event.role),')
    assert not role_checks("{{ request.acting.get_role_display }}")


def test_rules_names_no_state_of_the_dossier_app():
    """What each state allows is dossiers' data (dossiers.states): rules is handed the roles it allows."""
    source = (ROOT / "permissions/rules.py").read_text(encoding="utf-8")
    written = [s.value for s in Status if re.search(rf"""["']{s.value}["']""", source)]
    assert written == []
