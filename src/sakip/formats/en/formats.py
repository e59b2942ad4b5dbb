"""English interface, Indonesian numbers: a decimal comma and a dot between thousands, as in
the Indonesian interface and the generated documents (see sakip.formats)."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
