"""The command line: typer commands, options, completion, the questionnaire's terminal I/O, writing output.

It parses, builds a request, calls mcstrat.decide, picks a writer of mcstrat.report, and maps errors
to exit codes; it never imports mcstrat.analyses.
"""

from mcstrat.cli.commands import app, main

__all__ = ["app", "main"]
