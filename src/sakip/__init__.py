"""OpenSAKIP: one source of truth from the strategic plan to the annual performance report."""

__version__ = "0.1.0"
