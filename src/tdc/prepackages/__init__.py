"""Prepackaged goods: quantity checks (TT 21/2014 / OIML R 87) and the quantity mark V."""
