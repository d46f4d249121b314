"""Rule modules, one per family. Importing this package registers every rule."""

from govfmt.lint.rules import elements, headings, meta, numbers, punctuation, script, spacing  # noqa: F401
from govfmt.lint.rules import corrections  # noqa: F401
