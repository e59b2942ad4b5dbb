"""The interface language: Indonesian unless the person chose English with the switch in the
page header (Django's set_language view, which stores the choice in a cookie).

Unlike Django's LocaleMiddleware, the browser's Accept-Language header is ignored: many office
computers run an English browser, yet the application's language is Indonesian; English is
offered, never imposed. Generated documents (Renja, PK, LKjIP) are always Indonesian, whatever
the interface language (sakip.documents.views activates Indonesian while building them)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if wanted in dict(settings.LANGUAGES):
        return wanted
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
