"""`python -m pressmine` runs the command-line interface."""

from pressmine.cli.app import main

main()
