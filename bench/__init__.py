"""The bench: the project's build timed against stock Pelican and Hugo on one corpus.

``corpus.py`` writes the posts in the three layouts (their words from ``text.py``, their
photos from ``photos.py``), ``run.py`` builds and times them (``builders.py``: how each
builder is run; ``measure.py``: timing one build, comparing two outputs), ``preview.py``
times the live preview (``--preview``), ``phases.py`` where a build's time goes
(``--phases``, with the ``plugins/build_phases/`` plugin), ``tasks.py`` is ``invoke
bench``. The anchors' own site files are in ``anchors/``.
"""
