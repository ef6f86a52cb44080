"""One module per question a decision answers, each with its published definition in its docstring.

They import only mcstrat.core (and errors, sanitize).
"""
