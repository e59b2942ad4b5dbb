"""Budget versions of a year's money, and which one counts (no Django; shared by models,
dataset and documents)."""

#: Codes of the versions in the order they appear in a budget year.
VERSIONS = ["ranwal_rkpd", "renja", "rkpd", "apbd", "rkpd_p", "apbd_p"]

#: The budget of record is the latest version present, in this order.
BUDGET_PRECEDENCE = ["apbd_p", "rkpd_p", "apbd", "rkpd", "renja", "ranwal_rkpd"]

FORECAST = "forecast"

#: The versions after the year's plan was revised (Renja Perubahan): with one of them as the
#: budget of record, the revised targets (IndicatorTarget.revised_*) count.
REVISED_VERSIONS = frozenset({"rkpd_p", "apbd_p"})
