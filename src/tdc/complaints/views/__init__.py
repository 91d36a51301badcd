"""Screens of the complaints module.

- ``handling``: officers' list, detail with notes, handling, revealing the reporter, statistics.
- ``public``: the public form at /phan-anh/ and tracking at /tra-cuu/phan-anh/ (no account).
"""
