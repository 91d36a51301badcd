"""Prepackaged goods: quantity inspections and quantity-mark (V) declarations (models to come).

The quantity rules themselves are pure functions over versioned data in ``rules/``.
"""
