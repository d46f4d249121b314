"""The parsed document: plain frozen data, shared by the converter, the linter and `inspect`."""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds of the `inspect --format json` contract; names never change, more may be added.
KINDS = (
    "title",
    "subtitle",
    "doc_number",
    "addressee",
    "salutation",
    "heading",
    "body",
    "attachment_note",
    "signature",
    "date",
    "note",
    "cc",
    "printed_by",
    "copy_number",
    "classification",
    "urgency",
    "issuer_mark",
    "signer",
    "attachment_mark",
    "table",
    "chapter",
    "directive",  # a linter directive line (%% govfmt: …), never laid out
    "web",  # web-page chrome around a pasted document (site headings, page metadata), never laid out
    "other",
)


@dataclass(frozen=True)
class Line:
    """One non-blank physical line of the draft, indentation and trailing space removed."""

    number: int  # 1-based physical line in the original file
    text: str
    indented: bool = False  # the author indented it (a hint for paragraph starts)


@dataclass(frozen=True)
class Source:
    """Decoded draft text with everything needed to write it back unchanged."""

    path: str
    text: str  # the whole file, newlines normalised to "\n"
    encoding: str  # Python codec name, e.g. "utf-8", "gb18030", "utf-16"
    bom: bool = False
    newline: str = "\n"  # the dominant newline of the original file
    front_matter: tuple[tuple[str, str, int], ...] = ()  # (key, value, line) in file order
    body_start: int = 1  # physical line number where the draft text starts (after front matter)

    @property
    def physical_lines(self) -> list[str]:
        return self.text.split("\n")


@dataclass(frozen=True)
class Block:
    """A run of source lines with one role in the document."""

    kind: str
    line_start: int
    line_end: int
    text: str
    lines: tuple[str, ...] = ()  # the author's own line breaks (titles, signatures, attachment lists)
    level: int | None = None  # headings: 1..4
    run_in: bool = False  # heading phrase followed by body text in the same paragraph
    heading_text: str | None = None  # the heading phrase of a run-in heading
    cells: tuple[tuple[str, ...], ...] = ()  # tables: rows of cells
    confidence: float | None = None  # 0..1: how sure detection is of this block's kind (None: not rated)
    # body: the rest of the paragraph above, broken off by lines left out (a PDF's page number between
    # its halves, a link marker) or after a run-in heading's first line; laid out as one paragraph
    continues: bool = False
    rule_rows: tuple[int, ...] = ()  # tables: physical lines of markdown rule rows (| --- |), not laid out

    @property
    def rest_text(self) -> str:
        """Body text after a run-in heading phrase."""
        if self.run_in and self.heading_text:
            return self.text[len(self.heading_text):]
        return ""


@dataclass(frozen=True)
class Correction:
    """A `%% govfmt: KIND` line of the draft and what it did to the block below it."""

    line: int  # the directive's physical line
    name: str  # the kind as the author wrote it (标题, 二级标题, body, …)
    kind: str | None  # the block kind it names; None if the name is not a kind
    level: int | None = None  # headings: 1..4
    target: int | None = None  # first line of the block it sets; None if no text follows
    status: str = "applied"  # applied | unused (detection agreed already) | unknown | dangling (nothing below)
    doubted: float | None = None  # unused: the confidence detection had in the kind the correction confirms


@dataclass(frozen=True)
class Document:
    """A parsed draft: its blocks in order, its header fields and the corrections applied."""

    source: str
    encoding: str
    blocks: tuple[Block, ...]
    fields: tuple[tuple[str, str], ...] = field(default=())  # canonical header fields (govfmt.header)
    body_start: int = 1  # first physical line of the draft text; blocks above it are front matter
    overrides: tuple[str, ...] = ()  # field keys set on the command line (--set): they win over the text
    # What each `%% govfmt: 标题`-style correction did (govfmt.parse.directives); derived, so not compared.
    corrections: tuple[Correction, ...] = field(default=(), compare=False)

    def field(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.fields:
            if key == name:
                return value
        return default

    def of_kind(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]
