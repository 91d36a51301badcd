"""Legal metrology records: instrument types, instruments, verifications, certificates.

The instrument register and the verification records are added by the register work; the
regulation's arithmetic (maximum permissible errors and verdicts) lives in ``rules/``.
"""
