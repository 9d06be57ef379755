"""`python -m pressmine` runs the command-line interface."""

from pressmine.cli import main

main()
