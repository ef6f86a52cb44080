"""Process-wide settings for a command's start-up, applied when the command line is imported.

A command is a short-lived process that builds a great many objects while it imports typer, rich
and mcstrat and renders its output, and almost none of them are garbage cycles. With CPython's
default threshold (a young-generation collection every 700 net allocations) the cyclic garbage
collector runs some 45 times during a plain command and costs 6-10 ms of it (measured with
gc.callbacks on `recommend --answers examples/answers.yaml`); collecting every 50,000 allocations
instead keeps memory bounded and removes nearly all of that. Reference counting still frees
everything that is not a cycle at once, and the older generations keep their default thresholds.
Only cli.py imports this module (first of all its imports), so using mcstrat as a library changes
nothing in the host program.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000

if gc.get_threshold()[0] < YOUNG_THRESHOLD:
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
