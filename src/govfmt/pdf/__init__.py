"""PDF output: LibreOffice rendering with mapped fonts, and measuring a PDF against a style."""
