"""Blocks made without the frozen dataclass's constructor: the parser makes dozens for every draft.

A frozen dataclass sets each field in `__init__` through `object.__setattr__` (its own `__setattr__`
refuses): twelve calls, most of the time a Block takes to make. `block` and `changed` give the same
objects (the same fields in the same order, equal, hashing and pickling alike) by filling the
instance's `__dict__` in one step. Where the model does more than store its fields (slots, a
`__post_init__`, a field set by a factory or left out of `__init__`), they use the constructor itself.
"""

from __future__ import annotations

from dataclasses import MISSING, fields, replace

from govfmt.model import Block

_FIELDS = fields(Block)
_REQUIRED = tuple(f.name for f in _FIELDS if f.default is MISSING and f.default_factory is MISSING)
# every field with its default, in declaration order (the required ones filled in by `block`)
_TEMPLATE = {f.name: None if f.default is MISSING else f.default for f in _FIELDS}
_PLAIN = ("__slots__" not in vars(Block) and not hasattr(Block, "__post_init__")
          and all(f.init and f.default_factory is MISSING for f in _FIELDS)
          and _REQUIRED == ("kind", "line_start", "line_end", "text"))


_OPTIONAL = frozenset(_TEMPLATE).difference(_REQUIRED)


def block(kind: str, line_start: int, line_end: int, text: str, **optional) -> Block:
    """`Block(kind, line_start, line_end, text, **optional)`."""
    if not _PLAIN or not optional.keys() <= _OPTIONAL:  # the constructor raises its TypeError for a wrong name
        return Block(kind, line_start, line_end, text, **optional)
    made = object.__new__(Block)
    # the template's order is kept: a key given again keeps its place
    made.__dict__.update({**_TEMPLATE, "kind": kind, "line_start": line_start, "line_end": line_end, "text": text,
                          **optional})
    return made


def changed(original: Block, **changes) -> Block:
    """`dataclasses.replace(original, **changes)`."""
    if not _PLAIN or original.__class__ is not Block or not changes.keys() <= _TEMPLATE.keys():
        return replace(original, **changes)
    made = object.__new__(Block)
    made.__dict__.update(original.__dict__)
    made.__dict__.update(changes)
    return made
