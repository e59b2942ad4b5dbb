"""Login rate limiting: after too many failed logins for one user name from one address (or
from one address overall), further attempts are refused for a while with a clear message.

Counts live in Django's cache, which settings.py makes a directory of files under var/ so that
every worker process of `sakip serve --workers N` counts the same failures (two failures at the
same instant in two processes may count once: the limit is approximate by one or two, never
lifted). Successful logins clear the count for that user name and address.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

#: Failures allowed per user name + address, and per address for all names, in WINDOW seconds.
MAX_FAILURES = 5
MAX_FAILURES_PER_ADDRESS = 30
WINDOW = 15 * 60
LOCKOUT_MINUTES = WINDOW // 60


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
    return f"sakip-login-fail:{digest}"


def _keys(request: HttpRequest, username: str) -> tuple[str, str]:
    address = client_address(request)
    return _key("user", username.strip().lower(), address), _key("addr", address)


def is_blocked(request: HttpRequest, username: str) -> bool:
    user_key, addr_key = _keys(request, username)
    return bool(cache.get(user_key, 0) >= MAX_FAILURES
                or cache.get(addr_key, 0) >= MAX_FAILURES_PER_ADDRESS)


def note_failure(request: HttpRequest, username: str) -> None:
    for key in _keys(request, username):
        if not cache.add(key, 1, WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.set(key, 1, WINDOW)


def clear(request: HttpRequest, username: str) -> None:
    cache.delete(_keys(request, username)[0])


def blocked_message() -> str:
    return gettext(
        "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini dari alamat Anda. "
        "Coba lagi setelah %(minutes)s menit, atau hubungi admin daerah untuk mengatur "
        "ulang kata sandi."
    ) % {"minutes": LOCKOUT_MINUTES}


class RateLimitedLoginView(LoginView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        if is_blocked(request, username):
            form = self.form_class(request=request, initial={"username": username})
            response = self.render_to_response(
                self.get_context_data(form=form, blocked=blocked_message())
            )
            response.status_code = 429
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code == 302:
            clear(request, username)
        else:
            note_failure(request, username)
        return response
