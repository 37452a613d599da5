"""Helpers for page tests: a logged-in browser-like client per demo official."""

from django.contrib.auth import get_user_model
from django.test import Client


def browser(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def administrator(username):
    """A logged-in client of a demo official made staff: an administrator who also works in a unit, for
    viewflow's own pages (administrators only), whose lists stay limited to what that unit may see."""
    get_user_model().objects.filter(username=username).update(is_staff=True)
    return browser(username)


def text(response):
    return response.content.decode()
