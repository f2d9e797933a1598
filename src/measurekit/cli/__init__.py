"""The command line: Typer commands that parse, call the core and turn errors into exit codes."""

from .commands import app, main

__all__ = ["app", "main"]
