"""Figures, galleries and renditions of the photos in post folders."""


def register() -> None:
    pass
