"""`python -m measurekit` runs the same command line as the `measurekit` script."""

from .cli import main

main()
