"""Screens of legal metrology, one module per subject: the register (``register``), due and
overdue instruments (``due``), verifications, certificates and sticker stock
(``verifications``), reverse traceability (``traceability``), statistics (``statistics``) and
the public certificate page (``public``); what they share is in ``common``."""
