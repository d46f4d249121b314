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


def block(kind: str, line_start: int, line_end: int, text: str, **optional) -> Block:
    """`Block(kind, line_start, line_end, text, **optional)`."""
    if not _PLAIN:
        return Block(kind, line_start, line_end, text, **optional)
    state = _TEMPLATE.copy()
    state["kind"], state["line_start"], state["line_end"], state["text"] = kind, line_start, line_end, text
    if optional:
        if not optional.keys() <= state.keys() or optional.keys() & {"kind", "line_start", "line_end", "text"}:
            return Block(kind, line_start, line_end, text, **optional)  # raises the constructor's TypeError
        state.update(optional)
    made = object.__new__(Block)
    made.__dict__.update(state)
    return made


def changed(original: Block, **changes) -> Block:
    """`dataclasses.replace(original, **changes)`."""
    if not _PLAIN or original.__class__ is not Block or not changes.keys() <= _TEMPLATE.keys():
        return replace(original, **changes)
    made = object.__new__(Block)
    made.__dict__.update(original.__dict__)
    made.__dict__.update(changes)
    return made
