"""A throw-away app that exists only to prove that a module registers itself: installed by
``tests/test_module_registration.py`` through its own settings module, never by the product."""
