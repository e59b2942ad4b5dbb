"""Who may move a document of an agency-year from one state to another, and the move itself.

The cycle (DocumentStatus.State):

    draft ──submit──▶ submitted ──verify (Bappeda: Renja, PK, realisasi)──▶ verified ──approve──▶ final
      ▲                   │      └─review (Inspektorat: LKjIP)────────────▶ reviewed ──approve──┘   │
      └──── returned ◀────┴──────────── return (with a comment) ◀──────────────────┘               │
                 ▲                                                                                  │
                 └──────────────────────── reopen (region admin, with a comment) ◀──────────────────┘

- submit: the agency's operator or head, from draft or returned;
- verify / review / return from submitted: Bappeda (Renja, PK, quarterly realisation) or
  Inspektorat (LKjIP) of the agency's region;
- approve (→ final, which locks the facts) or return from verified/reviewed: the agency's head;
- reopen a final document: the region admin.
Superusers may do everything. A return or a reopen needs a comment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sakip.common.errors import UserError
from sakip.organisations.models import Agency, Membership
from sakip.workflow.models import DocumentStatus, StatusEvent

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

State = DocumentStatus.State
Doc = DocumentStatus.Document
Role = Membership.Role

#: Which region role verifies (or reviews) which document.
CHECKER = {
    Doc.RENJA: (Role.BAPPEDA, State.VERIFIED),
    Doc.PK: (Role.BAPPEDA, State.VERIFIED),
    Doc.REALISATION: (Role.BAPPEDA, State.VERIFIED),
    Doc.LKJIP: (Role.INSPECTORATE, State.REVIEWED),
}


@dataclass(frozen=True)
class Action:
    key: str  # "submit", "verify", "review", "return", "approve", "reopen"
    label: StrOrPromise  # for buttons; Indonesian source, translated when shown
    to_state: str
    needs_comment: bool = False


# Labels follow the interface language (gettext_lazy; evaluated when shown).
SUBMIT = Action("submit", _("Ajukan"), State.SUBMITTED)
VERIFY = Action("verify", _("Verifikasi"), State.VERIFIED)
REVIEW = Action("review", _("Reviu selesai"), State.REVIEWED)
RETURN = Action("return", _("Kembalikan"), State.RETURNED, needs_comment=True)
APPROVE = Action("approve", _("Setujui dan kunci"), State.FINAL)
REOPEN = Action("reopen", _("Buka kembali"), State.RETURNED, needs_comment=True)
ACTIONS = {a.key: a for a in (SUBMIT, VERIFY, REVIEW, RETURN, APPROVE, REOPEN)}


class TransitionRefused(UserError):
    """A move the user may not make, or that no longer applies (someone moved it first)."""


def roles(user: Any, agency: Agency) -> set[str]:
    """The roles a user holds for one agency: agency roles only for their own agency, region
    roles for every agency of their region."""
    if not getattr(user, "is_authenticated", False):
        return set()
    held: set[str] = set()
    for role, agency_id in Membership.objects.filter(
        user_id=user.pk, region_id=agency.region_id
    ).values_list("role", "agency_id"):
        if role in Membership.AGENCY_ROLES:
            if agency_id == agency.pk:
                held.add(role)
        else:
            held.add(role)
    return held


def status_of(agency: Agency, year: int, document: str, quarter: int = 0) -> DocumentStatus:
    """The stored status, or an unsaved draft when the document has never moved."""
    found = DocumentStatus.objects.filter(
        agency=agency, year=year, document=document, quarter=quarter
    ).first()
    return found or DocumentStatus(agency=agency, year=year, document=document, quarter=quarter)


def is_locked(agency: Agency, year: int, document: str, quarter: int = 0) -> bool:
    return DocumentStatus.objects.filter(
        agency=agency, year=year, document=document, quarter=quarter, state=State.FINAL
    ).exists()


def allowed_actions(user: Any, status: DocumentStatus) -> list[Action]:
    """The moves this user may make on this document now, in button order."""
    if not getattr(user, "is_authenticated", False):
        return []
    held = roles(user, status.agency)
    superuser = bool(getattr(user, "is_superuser", False))
    checker_role, checked_state = CHECKER[DocumentStatus.Document(status.document)]
    state = status.state
    found: list[Action] = []
    if state in (State.DRAFT, State.RETURNED) and (
        superuser or held & Membership.AGENCY_ROLES
    ):
        found.append(SUBMIT)
    if state == State.SUBMITTED and (superuser or checker_role in held):
        found.append(VERIFY if checked_state == State.VERIFIED else REVIEW)
        found.append(RETURN)
    if state == checked_state and (superuser or Role.HEAD in held):
        found.append(APPROVE)
        found.append(RETURN)
    if state == State.FINAL and (superuser or Role.REGION_ADMIN in held):
        found.append(REOPEN)
    return found


def can_edit(user: Any, agency: Agency, year: int, document: str, quarter: int = 0) -> bool:
    """Whether the user may change the facts behind a document: the agency's operator or head
    (or a superuser) while the document is not final, and not while it waits for a check."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not (getattr(user, "is_superuser", False) or roles(user, agency) & Membership.AGENCY_ROLES):
        return False
    state = status_of(agency, year, document, quarter).state
    return state in (State.DRAFT, State.RETURNED)


@transaction.atomic
def move(
    user: Any,
    agency: Agency,
    year: int,
    document: str,
    action: str,
    comment: str = "",
    quarter: int = 0,
    expected_state: str | None = None,
) -> StatusEvent:
    """Make one move, record who made it, and return the event. `expected_state` is the state
    the user saw: if someone else moved the document meanwhile, the move is refused."""
    status, _ = DocumentStatus.objects.select_for_update().get_or_create(
        agency=agency, year=year, document=document, quarter=quarter
    )
    title = f"{status.get_document_display()} {agency.name} {year}"
    if expected_state is not None and status.state != expected_state:
        raise TransitionRefused(
            gettext("%(title)s sudah berstatus “%(state)s” (diubah orang lain sementara Anda membuka "
                    "halaman). Muat ulang halaman lalu ulangi bila masih perlu.")
            % {"title": title, "state": status.get_state_display()}
        )
    chosen = ACTIONS.get(action)
    if chosen is None or chosen not in allowed_actions(user, status):
        raise TransitionRefused(
            gettext("Tindakan “%(action)s” tidak dapat dilakukan pada %(title)s yang berstatus "
                    "“%(state)s” dengan peran Anda. Minta pengguna dengan peran yang sesuai "
                    "(operator, kepala perangkat daerah, Bappeda atau Inspektorat) melakukannya.")
            % {"action": chosen.label if chosen else action, "title": title,
               "state": status.get_state_display()}
        )
    comment = comment.strip()
    if chosen.needs_comment and not comment:
        raise TransitionRefused(
            gettext("Tindakan “%(action)s” pada %(title)s memerlukan catatan: tuliskan apa yang "
                    "harus diperbaiki.") % {"action": chosen.label, "title": title}
        )
    event = StatusEvent.objects.create(
        status=status, from_state=status.state, to_state=chosen.to_state, user=user,
        comment=comment,
    )
    status.state = chosen.to_state
    status.save(update_fields=["state", "updated_at"])
    return event
