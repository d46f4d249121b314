"""Pure layout decisions (line breaks, indents) computed from the style; no document objects here."""
