"""(Re)create the demo agencies and the demo accounts, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from sakip.organisations.models import Agency, Membership

DEMO_PASSWORD = "demo-sakip-2024"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    agency_code: str | None
    region_of: str  # agency code whose region the account belongs to


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Admin Daerah (demo)", Membership.Role.REGION_ADMIN, None, "belitung"),
    DemoAccount("operator.belitung", "Operator DSPPPA Belitung", Membership.Role.OPERATOR, "belitung", "belitung"),
    DemoAccount("kadis.belitung", "Kepala DSPPPA Belitung", Membership.Role.HEAD, "belitung", "belitung"),
    DemoAccount("bappeda.belitung", "Verifikator Bappeda Belitung", Membership.Role.BAPPEDA, None, "belitung"),
    DemoAccount("inspektorat.belitung", "Reviu Inspektorat Belitung", Membership.Role.INSPECTORATE, None, "belitung"),
    DemoAccount("operator.batubara", "Operator Dinsos PPPA Batu Bara", Membership.Role.OPERATOR, "batubara", "batubara"),
    DemoAccount("kadis.batubara", "Kepala Dinsos PPPA Batu Bara", Membership.Role.HEAD, "batubara", "batubara"),
]


def demo_loaded() -> bool:
    from sakip.demo import batubara, belitung

    return Agency.objects.filter(code__in=[belitung.CODE, batubara.CODE]).count() == 2


@transaction.atomic
def load_all(with_accounts: bool = True) -> list[Agency]:
    from sakip.demo import batubara, belitung
    from sakip.workflow.history import audit_context, record

    with audit_context(reason="sakip demo", quiet=True):
        agencies = [belitung.load(), batubara.load()]
    for agency in agencies:
        record(agency, "create", reason="Data demo dimuat ulang (sakip demo)")
    if with_accounts:
        create_accounts()
    return agencies


def create_accounts() -> None:
    user_model = get_user_model()
    agencies = {a.code: a for a in Agency.objects.select_related("region")}
    for account in DEMO_ACCOUNTS:
        user, _ = user_model.objects.get_or_create(username=account.username)
        first, _, last = account.full_name.partition(" ")
        user.first_name, user.last_name = first, last
        user.is_staff = account.role == Membership.Role.REGION_ADMIN
        user.is_superuser = account.role == Membership.Role.REGION_ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.memberships.all().delete()
        home = agencies[account.region_of]
        Membership.objects.create(
            user=user,
            region=home.region,
            agency=agencies[account.agency_code] if account.agency_code else None,
            role=account.role,
        )
        if account.role == Membership.Role.REGION_ADMIN:
            # The demo admin administers both demo regions.
            for other in agencies.values():
                if other.region_id != home.region_id and other.code in {"batubara"}:
                    Membership.objects.get_or_create(
                        user=user, region=other.region, agency=None, role=account.role
                    )
