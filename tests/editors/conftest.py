"""Accounts for the editor tests: the demo's roles on Belitung, and an operator elsewhere."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from sakip.organisations.models import Agency, Membership, Region


def _user(username: str, region: Region, agency: Agency | None, role: str):
    user = get_user_model().objects.create_user(username, password="rahasia-123",
                                                first_name=username.title())
    Membership.objects.create(user=user, region=region, agency=agency, role=role)
    return user


@pytest.fixture
def operator(belitung):
    return _user("operator.uji", belitung.region, belitung, Membership.Role.OPERATOR)


@pytest.fixture
def second_operator(belitung):
    return _user("rekan.uji", belitung.region, belitung, Membership.Role.OPERATOR)


@pytest.fixture
def bappeda(belitung):
    return _user("bappeda.uji", belitung.region, None, Membership.Role.BAPPEDA)


@pytest.fixture
def outsider(belitung):
    region = Region.objects.create(code="lain", name="Kabupaten Lain", kind="kabupaten")
    other = Agency.objects.create(region=region, code="lain", name="Dinas Lain")
    return _user("operator.lain", region, other, Membership.Role.OPERATOR)


@pytest.fixture
def same_region_outsider(belitung):
    """An operator of another agency in Belitung's own region."""
    other = Agency.objects.create(region=belitung.region, code="dinkes", name="Dinas Kesehatan")
    return _user("operator.dinkes", belitung.region, other, Membership.Role.OPERATOR)


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The demo loaded once per test module (it takes seconds); each test runs in its own
    rolled-back transaction on top; the database is emptied when the module is done."""
    from django.core.management import call_command
    from django.test import override_settings

    from sakip.demo.loader import load_all

    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        load_all()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def belitung(_demo_once, db):
    """Overrides the function-scoped fixture of tests/conftest.py for speed; same data."""
    return Agency.objects.get(code="belitung")


@pytest.fixture
def batubara(_demo_once, db):
    return Agency.objects.get(code="batubara")
