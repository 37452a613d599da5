import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from rest_framework.test import APIClient

from dossiers.models import AwardForm, Round
from permissions.models import Unit


@pytest.fixture(autouse=True)
def fast_passwords_and_private_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def demo(db):
    """The demo world of `seed_demo`: units, agencies, rounds, award forms and the demo officials."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _user(username):
    return get_user_model().objects.get(username=username)


PERSONAS = {
    "village_head": "truongthon.a1",
    "neighbour_village_head": "truongthon.a2",
    "other_commune_village_head": "truongthon.b1",
    "commune_officer": "xa.a.canbo",
    "commune_chair": "xa.a.chutich",
    "other_commune_officer": "xa.b.canbo",
    "other_commune_chair": "xa.b.chutich",
    "labour_officer": "huyen.ldtbxh",
    "appraiser": "huyen.noivu",
    "district_chair": "huyen.chutich",
    "inspector": "huyen.thanhtra",
    "province_officer": "tinh.noivu",
    "admin": "admin",
}


def _persona_fixture(username):
    @pytest.fixture
    def persona(demo):
        return _user(username)

    return persona


for _name, _username in PERSONAS.items():
    globals()[_name] = _persona_fixture(_username)


@pytest.fixture
def outsider(demo):
    """A logged-in user with no role anywhere."""
    return get_user_model().objects.create_user("nguoi.ngoai", password="demo12345")


@pytest.fixture
def village(demo):
    return Unit.objects.get(code="GL-MY-DD-01")


@pytest.fixture
def open_round(demo):
    return Round.objects.get(name="Tổng kết 2021–2025")


@pytest.fixture
def forms(demo):
    return {form.code: form for form in AwardForm.objects.all()}


@pytest.fixture
def client_for():
    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make
