"""govfmt: lay out Chinese official documents to GB/T 9704-2012 and lint drafts."""

__version__ = "0.1.0"

from govfmt import startup as _startup

if _startup.is_the_command():
    _startup.pause_collector()  # resumed once the subcommand's module is loaded (govfmt.cli)

from govfmt import code_cache as _code_cache

_code_cache.install()
