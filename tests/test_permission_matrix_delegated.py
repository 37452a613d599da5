"""The permission matrix (tests/permission_matrix.py) for delegated roles: a colleague acting in a role lent
to them answers every transition and page as the role's holder does, and a loan that has ended gives them
nothing of it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from permissions.models import Delegation, Membership
from workflows.services.delegation import delegation_create

from . import permission_matrix as m
from .test_permission_matrix import payload, subject

TODAY = timezone.localdate()
# (delegate, holder): the vice-chairs for their chairs, and the commune chair for the officer on leave.
LOANS = [
    ("xa.a.phochutich", "xa.a.chutich"),
    ("huyen.phochutich", "huyen.chutich"),
    ("xa.a.chutich", "xa.a.canbo"),
]


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def delegates(demo):
    """An API client per loan, acting in the lent role (X-Acting-Membership)."""
    clients = {}
    for delegate, holder in LOANS:
        lent = Membership.objects.get(user__username=holder)
        delegation_create(
            by=_user(holder),
            acting=None,
            membership_id=lent.pk,
            delegate_id=_user(delegate).pk,
            starts_on=TODAY,
            ends_on=TODAY + datetime.timedelta(days=14),
        )
        client = APIClient()
        client.force_authenticate(_user(delegate))
        client.credentials(HTTP_X_ACTING_MEMBERSHIP=str(lent.pk))
        clients[(delegate, holder)] = client
    return clients


@pytest.mark.parametrize("state", m.STATES)
def test_a_delegate_answers_every_transition_as_the_holder_of_the_role(delegates, state):
    dossier, mismatches = subject(state), []
    for name in m.SOURCES:
        for (delegate, holder), client in delegates.items():
            want = m.expected(holder, name, state)
            target = subject(state) if want == 200 else dossier  # a success changes its subject
            url = f"/api/dossiers/{target.pk}/transitions/{name}/"
            got = client.post(url, payload(name, target), format="json").status_code
            if got != want:
                mismatches.append((delegate, holder, name, want, got))
            elif want == 200:
                event = target.events.filter(action=name).get()
                assert (event.actor.username, event.changes["acting_for"]["user"]) == (delegate, holder)
    assert mismatches == []


def test_a_delegate_reads_every_page_as_the_holder_of_the_role(delegates):
    dossier = subject("submitted")
    document = dossier.documents.filter(kind="bao_cao_thanh_tich").first()
    mismatches = []
    for (delegate, holder), client in delegates.items():
        lent = Membership.objects.get(user__username=holder)
        pages = Client()
        pages.force_login(_user(delegate))
        session = pages.session
        session["acting_membership"] = lent.pk
        session.save()
        for path in m.READS:
            url = path.format(id=dossier.pk, doc=document.pk)
            got = (client if path.startswith("/api/") else pages).get(url).status_code
            if got != m.expected_read(holder, path):
                mismatches.append((delegate, holder, path, m.expected_read(holder, path), got))
    assert mismatches == []


def test_once_revoked_the_lent_role_answers_nothing(delegates):
    Delegation.objects.update(revoked_at=timezone.now())
    dossier = subject("submitted")
    for client in delegates.values():
        url = f"/api/dossiers/{dossier.pk}/transitions/commune_approve/"
        assert client.post(url, payload("commune_approve", dossier), format="json").status_code == 400
