"""The command line: typer commands, options, completion, the questionnaire's terminal I/O, writing output.

It parses, builds a request, calls mcstrat.decide, picks a writer of mcstrat.report, and maps errors
to exit codes; it never imports mcstrat.analyses. `application.py` holds the application and the error
boundary, `commands.py` the commands, `options.py` the options they share, `completion.py` the
shell completion, `output.py` stdout and stderr, `ask.py` the questionnaire's terminal I/O.
"""

# isort: off
import mcstrat.cli.startup  # first: fewer garbage collections while starting up
import mcstrat.cli.commands  # noqa: F401  # registers the commands with the application

# isort: on
from mcstrat.cli.application import app, main

__all__ = ["app", "main"]
