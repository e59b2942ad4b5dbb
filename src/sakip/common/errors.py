"""Errors a user can act on.

A `UserError` carries a message that says what was wrong, where, and what to do. The command
line prints it as one paragraph and exits with status 2; the web shows it as a form error.
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input from a person: a malformed value, an unknown name, an unreadable file."""

    exit_status = 2

    def __init__(self, message: str, *, where: str = "", hint: str = "") -> None:
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.text())

    def text(self) -> str:
        parts = []
        if self.where:
            parts.append(f"{self.where}: {self.message}")
        else:
            parts.append(self.message)
        if self.hint:
            parts.append(self.hint)
        return " ".join(parts)
