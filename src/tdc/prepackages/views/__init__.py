"""Screens of prepackaged goods: ``inspections`` (opening, measuring, deciding, minutes),
``trends``, ``rules_settings`` (the rules version of each province) and ``marks`` (the
quantity-mark declarations and certificates)."""
