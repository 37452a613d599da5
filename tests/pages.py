"""Helpers for page tests: a logged-in browser-like client per demo official."""

from django.contrib.auth import get_user_model
from django.test import Client


def browser(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def text(response):
    return response.content.decode()
