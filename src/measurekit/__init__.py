"""measurekit: a command-line interview for the Shared Performance Measures worksheet."""

__version__ = "0.1.0"
