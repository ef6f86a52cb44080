"""`python -m mcstrat` runs the command line."""

from mcstrat.cli import main

main()
