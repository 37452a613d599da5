"""A small client that talks to the API through its real URLs, as an official's program would."""

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from .files import tiny_pdf


class Official:
    def __init__(self, username, password="demo12345"):
        self.client = APIClient()
        response = self.client.post(
            "/api/auth/token/", {"username": username, "password": password}, format="json"
        )
        assert response.status_code == 200, response.content
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
        self.username = username

    def get(self, path, **params):
        return self.client.get(path, params)

    def post(self, path, data=None):
        return self.client.post(path, data or {}, format="json")

    def fire(self, dossier_id, name, expect=200, **payload):
        response = self.post(f"/api/dossiers/{dossier_id}/transitions/{name}/", payload)
        assert response.status_code == expect, (name, response.status_code, response.content.decode())
        return response.json()

    def upload(self, dossier_id, kind, nomination=None, name=None, content=None):
        data = {
            "kind": kind,
            "file": SimpleUploadedFile(name or f"{kind}.pdf", tiny_pdf() if content is None else content),
        }
        if nomination is not None:
            data["nomination"] = nomination
        return self.client.post(f"/api/dossiers/{dossier_id}/documents/", data, format="multipart")

    def dossier(self, dossier_id):
        response = self.get(f"/api/dossiers/{dossier_id}/")
        assert response.status_code == 200, response.content
        return response.json()

    def history(self, dossier_id):
        return self.get(f"/api/dossiers/{dossier_id}/history/").json()
