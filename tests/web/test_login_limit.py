"""Login rate limiting: too many failures for one user name from one address are refused."""

import pytest
from django.core.cache import cache

from sakip.demo.loader import DEMO_PASSWORD
from sakip.web import security


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_after_five_failures_even_the_right_password_is_refused(client, demo_data):
    for _ in range(security.MAX_FAILURES):
        response = client.post("/masuk/", {"username": "operator.belitung", "password": "salah"})
        assert response.status_code == 200
    response = client.post("/masuk/", {"username": "operator.belitung", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in html and "15 menit" in html
    assert "_auth_user_id" not in client.session
    # Another user name from the same address is not blocked by this one's failures.
    response = client.post("/masuk/", {"username": "kadis.belitung", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_a_success_clears_the_count(client, demo_data):
    for _ in range(security.MAX_FAILURES - 1):
        client.post("/masuk/", {"username": "operator.belitung", "password": "salah"})
    assert client.post("/masuk/", {"username": "operator.belitung", "password": DEMO_PASSWORD}).status_code == 302
    client.logout()
    for _ in range(security.MAX_FAILURES - 1):
        client.post("/masuk/", {"username": "operator.belitung", "password": "salah"})
    assert client.post("/masuk/", {"username": "operator.belitung", "password": DEMO_PASSWORD}).status_code == 302


def test_many_names_from_one_address_are_limited_too(client, demo_data, monkeypatch):
    monkeypatch.setattr(security, "MAX_FAILURES_PER_ADDRESS", 3)
    for i in range(3):
        client.post("/masuk/", {"username": f"tebakan{i}", "password": "x"})
    assert client.post("/masuk/", {"username": "admin", "password": DEMO_PASSWORD}).status_code == 429
