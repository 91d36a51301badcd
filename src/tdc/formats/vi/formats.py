"""Vietnamese number formats Django's own locale lacks: amounts are grouped by thousands with
a dot (206.000.000 đồng). Everything else falls back to Django's ``vi`` formats."""

NUMBER_GROUPING = 3
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
