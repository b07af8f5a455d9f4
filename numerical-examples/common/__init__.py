"""Shared helpers of the figure scripts in ``numerical-examples/``.

Modules
-------
constants
    Prices (read from the paper data's ``prices.csv``), instance types and model constants.
errors
    The error family: every message names the file or option, what was found and what was expected.
paths
    Where the paper data and the outputs are.
raw
    Loading raw-timings CSV files against their schema (the contract of the experiments).
stats
    Means, standard deviations and Student-t confidence intervals.
tables
    Writing one table as CSV, Markdown and JSON.
style
    The figure style and the figure writer.
cli
    The command line shared by every ``plot.py``.
"""
