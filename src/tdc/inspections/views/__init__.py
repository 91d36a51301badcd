"""Screens of the inspections module.

- ``plans``: annual plans and their campaigns.
- ``targeting``: the risk ranking and its weights, de-confliction, other agencies' inspections.
- ``fieldwork``: field inspections, the phone page, violations, notices, closing.
- ``decisions``: sanction decisions, payment, transfer, remedies.
- ``documents``: the printed documents (PDF).
- ``reference``: the violations catalogue, statistics and the dashboard card.
- ``common``: what the screens share.
"""
