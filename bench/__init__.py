"""Benchmarks of TĐC: ``python -m bench.run [names…] [--quick]`` (``make bench``).

Each benchmark is one module of this package that registers itself with
:func:`bench.registry.register`; the runner discovers the modules, runs the ones asked for,
prints one table and writes ``var/bench/<name>.json``. See docs/benchmarks.md.
"""
