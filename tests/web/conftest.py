import pytest


@pytest.fixture(autouse=True)
def _fresh_login_limits():
    """Failed logins are counted in the cache; each test starts with none."""
    from django.core.cache import cache

    from sakip.web import datacache

    cache.clear()
    datacache.clear()
    yield
    cache.clear()
    datacache.clear()


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    """The demo agencies and accounts loaded once per test module (loading takes seconds);
    each test still runs in its own rolled-back transaction on top. The database is emptied
    when the module is done, so other modules start from an empty database as usual."""
    from django.core.management import call_command
    from django.test import override_settings

    from sakip.demo.loader import load_all

    # The same fast hasher the function-scoped tests use (tests/conftest.py).
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast:
        codes = [a.code for a in load_all()]
    yield codes
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def demo_data(demo_once, db):
    from sakip.organisations.models import Agency

    return {a.code: a for a in Agency.objects.filter(code__in=demo_once)}


@pytest.fixture
def people(demo_data):
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}
