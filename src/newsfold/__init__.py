"""newsfold: who said what, and who reported it how."""

__version__ = "0.1.0"
