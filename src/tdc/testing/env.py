"""pytest plugin loaded first (``-p tdc.testing.env``): test defaults for the environment.

It runs before pytest-django reads the settings, so the settings module sees these values.
"""

import os

os.environ.setdefault("TDC_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("TDC_HTTPS", "0")
# Encrypts reporters' identities in tests (a Fernet key; never used outside tests).
os.environ.setdefault("TDC_COMPLAINT_KEY", "WypwDMOwzzJ2WIzjLa-w0d3xr82J60m_7p2sUYuzKh0=")
os.environ.setdefault("TDC_MANIFEST_STATIC", "0")
os.environ.setdefault("TDC_TASK_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("TDC_PUBLIC_API_RATE", "100000/min")
os.environ.setdefault("TDC_TEST_ARTIFACTS", "test-artifacts")
os.environ.setdefault("TDC_PASSWORD_HASHERS", "django.contrib.auth.hashers.MD5PasswordHasher")
if "TDC_VAR_DIR" not in os.environ:
    import tempfile

    # Uploaded and generated files of tests go to a throw-away directory, not the dev var/.
    os.environ["TDC_VAR_DIR"] = tempfile.mkdtemp(prefix="tdc-test-var-")
