"""Cookies, CSRF and where uploads live."""

from django.conf import settings
from django.test import Client

from sakip.demo.loader import DEMO_PASSWORD


def test_session_and_csrf_cookies_are_http_only_and_same_site(client, people):
    response = client.get("/masuk/")
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["samesite"] == "Lax"
    response = client.post("/masuk/", {"username": "operator.belitung", "password": DEMO_PASSWORD})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"


def test_forms_without_the_csrf_token_are_refused(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["operator.belitung"])
    response = client.post("/pd/belitung/2025/status/pindah/",
                           {"document": "renja", "quarter": 0, "action": "submit"})
    assert response.status_code == 403
    assert client.post("/masuk/", {"username": "x", "password": "y"}).status_code == 403


def test_uploads_are_outside_static_and_not_served_by_url(client, db):
    media, static = settings.MEDIA_ROOT.resolve(), settings.STATIC_ROOT.resolve()
    assert static not in media.parents and media != static
    assert client.get(f"{settings.MEDIA_URL}bukti/2024/01/x.pdf").status_code == 404


def test_pages_cannot_be_framed_and_types_are_not_sniffed(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
