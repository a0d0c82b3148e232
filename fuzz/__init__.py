"""Property-based tests and fuzzing of the build with hostile and broken content.

``strategies.py`` draws content (Hypothesis), ``properties.py`` says what must hold for
any of it, ``tasks.py`` is ``invoke fuzz --minutes N``; ``tests/reliability/
test_property_builds.py`` runs the same properties with a few fixed examples.
"""
