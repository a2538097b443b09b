"""Reproducible speed comparisons of error-core against the alternatives (issue 5).

Run ``python -m benchmarks --help`` (or ``tox -e bench``); see ``benchmarks/README.md``.
"""
