"""How the govfmt command starts: Python's cyclic garbage collector waits until the modules are loaded.

Loading modules creates tens of thousands of objects and next to no garbage, yet the collector walks them
again and again while they pile up, and once more at exit: together about a tenth of `govfmt check` on a
small draft, Click's import included. When the process is the govfmt command (its console script, or
`python -m govfmt`), the collector is paused from the first import of the package until the subcommand's
module is loaded; then what was loaded is moved out of its sight (gc.freeze) and it runs as usual. A
program that imports govfmt as a library keeps its collector as it was.
"""

from __future__ import annotations

import gc
import os
import sys

_paused = False
_skipping = False


def is_the_command() -> bool:
    """True when this process runs the govfmt command, not a program that imports govfmt.

    The console script's name is the program's (govfmt, govfmt.exe on Windows); while `python -m govfmt`
    looks for the module, Python sets the program's name to "-m".
    """
    program = sys.argv[0] if sys.argv else ""
    return program == "-m" or os.path.splitext(os.path.basename(program))[0].lower() == "govfmt"


def pause_collector() -> None:
    """Pause the collector while the command loads its modules (nothing if it was off already)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """Let the collector run again, without walking what has been loaded so far (idempotent)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def skip_collection_at_exit() -> None:
    """When this process is the govfmt command: at exit, leave the objects to the operating system instead
    of walking them all once more (once a process). Only for a command whose files are closed explicitly
    (`with` blocks): an object left to the operating system does not run its finaliser."""
    global _skipping
    if _skipping or not is_the_command():
        return
    import atexit

    atexit.register(gc.freeze)
    _skipping = True
