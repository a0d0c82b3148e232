"""The bench: the project's build timed against stock Pelican and Hugo on one corpus.

``corpus.py`` writes the posts in the three layouts, ``run.py`` builds and times them,
``tasks.py`` is ``invoke bench``. The anchors' own site files are in ``anchors/``.
"""
