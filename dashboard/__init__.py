"""Marsad: explore corpora of Arabic news."""

__version__ = "0.1.0"
