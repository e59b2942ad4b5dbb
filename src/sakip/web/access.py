"""Who may see what. Every view and API endpoint asks these functions; none filters by itself.

- the public: agency-years whose LKjIP is published;
- region roles (admin, Bappeda, Inspektorat): every agency of their region(s);
- agency roles (operator, head): their own agency, plus what is public;
- superusers: everything.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from sakip.monitoring.models import PerformanceReport
from sakip.organisations.models import Agency, Membership

REGION_ROLES = {Membership.Role.REGION_ADMIN, Membership.Role.BAPPEDA, Membership.Role.INSPECTORATE}


def published_filter() -> Q:
    return Q(reports__published_at__isnull=False)


def visible_agencies(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Agency]:
    """Agencies of which the user may see at least the internal (unpublished) data."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if getattr(user, "is_superuser", False):
        return Agency.objects.all()
    memberships = Membership.objects.filter(user_id=user.pk)
    region_ids = memberships.filter(role__in=REGION_ROLES).values("region_id")
    agency_ids = memberships.filter(agency__isnull=False).values("agency_id")
    return Agency.objects.filter(Q(region_id__in=region_ids) | Q(id__in=agency_ids))


def can_view(user: AbstractBaseUser | AnonymousUser, agency: Agency, year: int) -> bool:
    if visible_agencies(user).filter(pk=agency.pk).exists():
        return True
    return is_published(agency, year)


def sees_internal(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> bool:
    """Whether the user may see the agency's unpublished data (drafts, statuses, evidence)."""
    return visible_agencies(user).filter(pk=agency.pk).exists()


def may_publish(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> bool:
    """Publishing a final LKjIP: the agency's head or the region admin (or a superuser)."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(roles(user, agency) & {Membership.Role.HEAD, Membership.Role.REGION_ADMIN})


def region_ids(user: AbstractBaseUser | AnonymousUser) -> list[int]:
    """Regions whose overview the user may open (any membership in the region)."""
    from sakip.organisations.models import Region

    if not user.is_authenticated:
        return []
    if getattr(user, "is_superuser", False):
        return list(Region.objects.values_list("id", flat=True))
    return sorted(set(Membership.objects.filter(user_id=user.pk).values_list("region_id", flat=True)))


def is_published(agency: Agency, year: int) -> bool:
    return PerformanceReport.objects.filter(
        agency=agency, year=year, published_at__isnull=False
    ).exists()


# What a user may change, and the workflow moves, live in sakip.workflow.transitions; views
# import them from here so that every access decision has one address.
from sakip.workflow.transitions import (  # noqa: E402
    allowed_actions,
    can_edit,
    is_locked,
    roles,
    status_of,
)

__all__ = [
    "allowed_actions",
    "can_edit",
    "can_view",
    "is_locked",
    "is_published",
    "may_publish",
    "published_filter",
    "region_ids",
    "roles",
    "sees_internal",
    "status_of",
    "visible_agencies",
]
