"""One module per subcommand, each exposing a Click command named `command`.

Modules here import only Click and light parts of govfmt at import time; heavy libraries (python-docx,
lxml, pypdfium2, pandoc) are imported inside the command functions, so `govfmt check` starts fast.
"""
