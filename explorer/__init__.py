"""explorer: the facts inside a pile of text, in a keyboard-driven terminal app."""

__version__ = "0.1.0"
