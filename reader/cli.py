"""The command line: ``reader [FILE]`` opens the TUI; subcommands print for scripts and tests."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.errors import NotTextError, ReaderError
from reader.source import Input, read_input

if TYPE_CHECKING:
    import argparse

    from reader.model.document import Document, Section


COMMANDS = ("reflow", "outline", "figures", "quote", "cite", "ocr")


def load(arg: str | None, dictionary: bool = True, max_bytes: str | None = None) -> tuple[Document, Input]:
    """Read and build the document named by ``arg``, at most ``max_bytes`` of it (errors become ReaderError)."""
    from reader.pipeline.build import build_document
    from reader.source import input_limit, load_sidecar

    source = read_input(arg, input_limit(max_bytes))
    for warning in source.warnings:
        print(f"reader: warning: {source.name}: {warning}", file=sys.stderr)
    sidecar = load_sidecar(source.path)
    try:
        doc = build_document(source.data, source.name, sidecar, dictionary=dictionary)
    except NotTextError:
        raise ReaderError(f"{source.name} is not a text document") from None
    for warning in doc.metadata.warnings:
        print(f"reader: warning: {source.name}: {warning}", file=sys.stderr)
    return doc, source


def block_json(doc: Document, index: int, printed: bool = False) -> dict[str, Any]:
    """Return one block as JSON-ready data: its reading text with the repairs made for reading
    (``edits``), or (``printed``) its text exactly as printed."""
    from reader.textlayout import printed_offset

    b = doc.blocks[index]
    out: dict[str, Any] = {
        "kind": b.kind,
        "text": b.printed_text() if printed else b.text,
        "section": b.section,
        "source": {"line": b.source.line, "start": b.source.start, "end": b.source.end},
    }
    if b.heading:
        out.update(
            number=b.heading.number,
            label=b.heading.label,
            title=b.heading.title,
            level=b.heading.level,
            inline_body=b.heading.inline_body,
        )
    if b.role:
        out["role"] = b.role
    if b.page:
        out["page"] = b.page
    if b.emphasis:
        out["emphasis"] = [[printed_offset(b, a), printed_offset(b, e)] if printed else [a, e] for a, e in b.emphasis]
    if b.edits and not printed:
        out["edits"] = [list(edit) for edit in b.edits]
    if b.truncated:
        out["truncated"] = True
    if b.doubtful:  # (OCR) characters read with little confidence
        out["doubtful"] = [[printed_offset(b, a), printed_offset(b, e)] if printed else [a, e] for a, e in b.doubtful]
    return out


def section_json(doc: Document, section: Section) -> dict[str, Any]:
    """Return a section and its children as JSON-ready data."""
    return {
        "number": section.number,
        "label": section.label,
        "title": section.title,
        "level": section.level,
        "kind": section.kind,
        "implied": section.implied,
        "children": [section_json(doc, c) for c in doc.children(section)],
    }


def _number(value: float | None) -> float | int | None:
    """A number for JSON: whole numbers as integers."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def figure_json(doc: Document, index: int) -> dict[str, Any]:
    """Return one figure as JSON-ready data (``amount`` in its base ``measure``: 843.2亿元 → 84320000000 元;
    ``pp`` is percentage points; ``upper`` ends a range; ``role`` is ``base``/``result`` of 从…到…)."""
    f = doc.figures[index]
    return {
        "text": f.text,
        "value": _number(f.value),
        "unit": f.unit,
        "label": f.label,
        "section": f.section,
        "kind": f.kind,
        "qualifier": f.qualifier,
        "block": f.block,
        "amount": _number(f.amount),
        "measure": f.measure,
        "upper": _number(f.upper),
        "role": f.role,
    }


def document_name(doc: Document) -> str:
    """How a table of several documents names one: its title, with its date or page when known."""
    meta = doc.metadata
    name = meta.title or meta.source
    when = meta.date or (f"第{meta.page}版" if meta.page else "")
    return f"{name} ({when})" if when else name


FIGURE_COLUMNS = (
    "document",
    "source",
    "date",
    "page",
    "section",
    "kind",
    "label",
    "text",
    "amount",
    "measure",
    "upper",
    "qualifier",
    "role",
)


def _dump(fields: dict[str, object]) -> None:
    """Print a JSON object with non-ASCII kept readable, the items of its list fields (given as
    iterators) written one at a time: the whole text is never held at once. The output is what
    ``json.dumps(…, ensure_ascii=False, indent=1)`` gives for the same data."""
    import json

    def dumps(value: object, depth: int) -> str:
        """``value`` as indented JSON, its lines indented ``depth`` levels (a JSON string holds no newline)."""
        return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)

    write = sys.stdout.write
    write("{")
    for n, (key, value) in enumerate(fields.items()):
        write(("," if n else "") + "\n " + json.dumps(key, ensure_ascii=False) + ": ")
        if not isinstance(value, Iterator):
            write(dumps(value, 1))
            continue
        first = True
        for item in value:
            write(("[\n  " if first else ",\n  ") + dumps(item, 2))
            first = False
        write("[]" if first else "\n ]")
    write("\n}\n" if fields else "}\n")


def cmd_reflow(args: argparse.Namespace) -> int:
    """``reader reflow FILE``: the reading text, a blank line between blocks."""
    doc, _ = load(args.file, not args.no_dictionary, args.max_bytes)
    printed = args.as_printed
    if args.json:
        blocks = (block_json(doc, i, printed) for i in range(len(doc.blocks)))
        _dump({"metadata": doc.metadata.to_dict(), "blocks": blocks})
    else:
        print("\n\n".join(b.printed_text() if printed else b.text for b in doc.blocks if b.is_reading))
    return 0


def _outline_lines(doc: Document, sections: list[Section], depth: int = 0) -> list[str]:
    """Render the outline as indented text lines."""
    lines: list[str] = []
    for s in sections:
        title = s.title or ("(begun on an earlier page)" if s.implied else "")
        lines.append(f"{'  ' * depth}{(s.number or '-'):<8} {(s.label or '').strip()}{s.label_gap}{title}")
        lines.extend(_outline_lines(doc, doc.children(s), depth + 1))
    return lines


def cmd_outline(args: argparse.Namespace) -> int:
    """``reader outline FILE``: the section tree."""
    doc, _ = load(args.file, max_bytes=args.max_bytes)
    if args.json:
        _dump({"sections": (section_json(doc, s) for s in doc.top_sections)})
    else:
        print("\n".join(_outline_lines(doc, doc.top_sections)))
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    """``reader figures FILE…``: the figures of one or more documents as one table, with label,
    section and kind (``--csv``, ``--json``; ``--kind target`` keeps the targets)."""
    rows: list[dict[str, Any]] = []
    for file in args.files:
        doc, _ = load(file, max_bytes=args.max_bytes)
        meta = doc.metadata
        where = {"document": document_name(doc), "source": meta.source, "date": meta.date, "page": meta.page}
        for i, f in enumerate(doc.figures):
            if args.kind in (None, f.kind):
                rows.append({**where, **figure_json(doc, i)})
    if args.json:
        _dump({"figures": iter(rows)})
    elif args.csv:
        import csv

        writer = csv.DictWriter(sys.stdout, FIGURE_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    else:
        several = len(args.files) > 1
        for row in rows:
            lead = f"{row['document']:<20} " if several else ""
            print(f"{lead}{row['text']:<14} {row['label']:<16} {row['section'] or '-':<8} {row['kind']}")
    return 0


def _style(name: str) -> str:
    """The style id ``name`` stands for (a clear error when no installed style has it)."""
    from reader.citation.styles import canonical, is_style

    style = canonical(name)
    if not is_style(style):
        raise ReaderError(f"unknown citation style {name!r} (reader cite --list-styles lists them)")
    return style


def cmd_quote(args: argparse.Namespace) -> int:
    """``reader quote FILE SECTION[:N]``: a paragraph with its citation (``--log``: also noted)."""
    from reader.citation.quote import cite, log_quote, quote_with
    from reader.cite import place_of
    from reader.locate import resolve
    from reader.source import load_sidecar

    style = _style(args.style)
    doc, source = load(args.file, max_bytes=args.max_bytes)
    target = resolve(doc, args.section)
    if target is None:
        raise ReaderError(f"no section {args.section!r} in {doc.metadata.source}")
    paragraphs = doc.paragraphs_of(target.section)
    if not paragraphs:
        raise ReaderError(f"section {args.section} has no paragraphs")
    n = target.paragraph or 1
    if not 1 <= n <= len(paragraphs):
        raise ReaderError(f"section {target.section.number} has {len(paragraphs)} paragraph(s), not {n}")
    block = paragraphs[n - 1]
    text = block.printed_text() if args.as_printed else block.text
    place = place_of(doc, block.index)
    cited = cite(doc, place, style, load_sidecar(source.path))
    print(quote_with(doc, text, cited))
    if args.log:
        try:
            path = log_quote(doc, text, place, cited)
        except OSError as exc:
            raise ReaderError(f"cannot write the quote log ({exc.strerror or exc})") from None
        print(f"logged in {path}", file=sys.stderr)
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    """``reader cite FILE``: the document's reference (a style, or BibTeX, CSL-JSON, RIS)."""
    if args.list_styles:
        from reader.citation.styles import COMMON, all_styles, style_name

        for style in all_styles():
            print(f"{style}\t{style_name(style)}" if style in COMMON else style)
        return 0
    if args.file is None:
        raise ReaderError("cite needs a FILE (or --list-styles)")
    from reader.citation.items import item_of
    from reader.citation.quote import cite
    from reader.source import load_sidecar

    style = _style(args.style) if args.format == "text" else ""
    doc, source = load(args.file, max_bytes=args.max_bytes)
    sidecar = load_sidecar(source.path)
    if args.format == "text":
        print(cite(doc, None, style, sidecar).line())
        return 0
    from reader.citation.export import export

    text = export(item_of(doc, sidecar), args.format)
    print(text, end="" if text.endswith("\n") else "\n")
    return 0


def cmd_ocr(args: argparse.Namespace) -> int:
    """``reader ocr FILE``: the recognised text of a page image or scanned PDF, with its boxes (JSON)."""
    from reader.source import input_limit
    from reader.sources.image import ocr_json

    source = read_input(args.file, input_limit(args.max_bytes))
    _dump(ocr_json(source.data, source.name))
    return 0


def cmd_open(args: argparse.Namespace | _OpenArgs) -> int:
    """``reader [FILE]``: open the TUI (its first-screen model is built while Textual loads)."""
    from reader.opening import Indexer
    from reader.source import input_limit
    from reader.state import StateStore

    source = read_input(args.file, input_limit(args.max_bytes))
    indexer = Indexer.start(source, StateStore())
    from reader.tui.app import run_app

    return run_app(source, debug=args.debug, indexer=indexer)


class _OpenArgs:
    """The arguments of a plain ``reader [FILE]``."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.debug = False
        self.max_bytes: str | None = None


def _parser(command: str | None) -> argparse.ArgumentParser:
    """Build the parser for a subcommand, or for opening the TUI."""
    import argparse

    p = argparse.ArgumentParser(
        prog="reader" + (f" {command}" if command else ""),
        description="Read OCR'd and extracted documents in the terminal.",
    )
    p.add_argument("--debug", action="store_true", help="show the full trace of an unexpected error")
    p.add_argument("--version", action="version", version=f"reader {__version__}")
    from reader.source import default_limit, show_size

    p.add_argument(
        "--max-bytes",
        metavar="SIZE",
        help=f"read at most SIZE of the input (e.g. 200M, 1G; default: READER_MAX_BYTES, else {show_size(default_limit())} here)",
    )
    if command in ("reflow", "outline", "quote", "ocr"):
        p.add_argument("file", help="the document (- for standard input)")
    if command == "cite":
        p.add_argument("file", nargs="?", help="the document (- for standard input)")
        p.add_argument(
            "--format", choices=("text", "bibtex", "csl-json", "ris"), default="text", help="reference format"
        )
        p.add_argument("--style", default="gbt7714", help="citation style for --format text (any CSL style id)")
        p.add_argument("--list-styles", action="store_true", help="list the citation styles (common ones first)")
    if command == "figures":
        p.add_argument("files", nargs="+", metavar="FILE", help="one or more documents (- for standard input)")
        shape = p.add_mutually_exclusive_group()
        shape.add_argument("--json", action="store_true", help="print one JSON table of all documents' figures")
        shape.add_argument("--csv", action="store_true", help="print one CSV table with a document column")
        p.add_argument("--kind", choices=("target", "outcome"), help="only targets or only outcomes")
    if command in ("reflow", "outline"):
        p.add_argument("--json", action="store_true", help="print JSON")
    if command in ("reflow", "quote"):
        p.add_argument(
            "--as-printed", action="store_true", help="the text exactly as printed (no punctuation repaired)"
        )
    if command == "reflow":
        p.add_argument("--no-dictionary", action="store_true", help="decide breaks by layout only (no jieba)")
    if command == "quote":
        p.add_argument("section", help="2.3, 二(三), 2.3:4 (4th paragraph) or a title prefix")
        p.add_argument(
            "--style",
            default="plain",
            help="citation style: plain, markdown, gbt7714, gbt7714-2015, apa, chicago-author-date, "
            "modern-language-association, ieee … or any CSL style id (reader cite --list-styles)",
        )
        p.add_argument("--log", action="store_true", help="also append the quote to the document's quote log")
    if command is None:
        p.add_argument("file", nargs="?", help="the document (- or a pipe: standard input; none: the sample)")
        p.epilog = "commands: " + ", ".join(COMMANDS) + " (reader COMMAND -h for each)"
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError):
                stream.reconfigure(encoding="utf-8", errors="replace")
    command = argv[0] if argv and argv[0] in COMMANDS else None
    args: argparse.Namespace | _OpenArgs
    if command is None and len(argv) <= 1 and not (argv and argv[0].startswith("-") and argv[0] != "-"):
        args = _OpenArgs(argv[0] if argv else None)  # ``reader [FILE]``: no parser needed before the first screen
    else:
        args = _parser(command).parse_args(argv[1:] if command else argv)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "reflow": cmd_reflow,
        "outline": cmd_outline,
        "figures": cmd_figures,
        "quote": cmd_quote,
        "cite": cmd_cite,
        "ocr": cmd_ocr,
    }
    try:
        if command is None or isinstance(args, _OpenArgs):
            return cmd_open(args)
        return handlers[command](args)
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"reader: unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for the trace)", file=sys.stderr
        )
        return 2
