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
