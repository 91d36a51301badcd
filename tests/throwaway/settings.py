"""The product's settings plus the throw-away app: the one line a new module needs."""

from tdc.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.throwaway"]  # noqa: F405
