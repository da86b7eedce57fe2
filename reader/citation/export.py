"""The document's reference for a reference manager: CSL-JSON, BibTeX and RIS (Zotero, JabRef,
EndNote and Mendeley import these)."""

from __future__ import annotations

import json
import re

from reader.citation.items import Item

FORMATS: tuple[str, ...] = ("bibtex", "csl-json", "ris")

_BIBTEX_TYPES = {
    "article-newspaper": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "report": "techreport",
    "book": "book",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "paper-conference": "inproceedings",
}
_RIS_TYPES = {
    "article-newspaper": "NEWS",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "report": "RPRT",
    "webpage": "ELEC",
    "book": "BOOK",
    "chapter": "CHAP",
    "thesis": "THES",
    "paper-conference": "CPAPER",
}
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def export(item: Item, fmt: str) -> str:
    """The item in ``fmt`` (bibtex, csl-json or ris)."""
    if fmt == "bibtex":
        return bibtex(item)
    if fmt == "csl-json":
        return csl_json(item)
    if fmt == "ris":
        return ris(item)
    raise ValueError(f"unknown export format: {fmt}")


def csl_json(item: Item) -> str:
    """The item as a CSL-JSON array (Zotero, Pandoc); inferred fields named in ``note``."""
    data = dict(item.csl)
    remark = _remark(item)
    if remark:
        data["note"] = remark
    return json.dumps([data], ensure_ascii=False, indent=2)


def _remark(item: Item) -> str:
    """Which fields were inferred or are missing, for a reference manager's note field."""
    return item.note(chinese=False).strip().strip("()")


def _text(value: object) -> str:
    """A field's text, control characters removed (nothing raw from a document leaves)."""
    return _CONTROL_RE.sub("", str(value)).replace("\n", " ").strip()


def _names(item: Item, variable: str) -> list[str]:
    """``Family, Given`` for people, the name itself for organisations and Chinese names."""
    out = []
    for n in item.csl.get(variable, []):
        if "literal" in n:
            out.append(_text(n["literal"]))
        else:
            out.append(", ".join(_text(p) for p in (n.get("family"), n.get("given")) if p))
    return out


def _date_parts(item: Item, variable: str) -> list[int]:
    """The numeric parts of a CSL date (empty for a literal or missing date)."""
    value = item.csl.get(variable) or {}
    parts = value.get("date-parts") or [[]]
    return [int(p) for p in parts[0]]


def _latex(value: object) -> str:
    """Escape a field for BibTeX."""
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIALS[m.group(0)], _text(value))


def _field(key: str, value: object) -> str:
    """A BibTeX field's text: escaped, except the verbatim ones (url, doi) which lose only braces."""
    if key in ("url", "doi"):
        return re.sub(r"[{}]", "", _text(value))
    return _latex(value)


def bibtex_key(item: Item) -> str:
    """A citation key: the first author's family name in ASCII and the year, else the item id."""
    names = item.csl.get("author") or item.csl.get("editor") or []
    first = names[0] if names else {}
    family = first.get("family") or first.get("literal") or ""
    stem = re.sub(r"[^a-z]", "", family.split()[0].lower()) if family.split() else ""
    year = _date_parts(item, "issued")[:1]
    if stem:
        return stem + (str(year[0]) if year else "")
    return str(item.csl["id"])


def bibtex(item: Item) -> str:
    """The item as one BibTeX entry (urldate, doi, isbn as biblatex and JabRef read them)."""
    csl = item.csl
    kind = item.type
    entry = _BIBTEX_TYPES.get(kind, "misc")
    fields: list[tuple[str, str]] = []
    for variable, key in (("author", "author"), ("editor", "editor")):
        names = _names(item, variable)
        if names:
            # organisations and Chinese names are braced so BibTeX keeps them whole
            fields.append((key, " and ".join(n if "," in n else "{" + n + "}" for n in names)))
    fields.append(("title", csl.get("title", "")))
    container = csl.get("container-title")
    if container:
        key = {"chapter": "booktitle", "paper-conference": "booktitle", "webpage": "organization"}.get(kind, "journal")
        fields.append((key, container))
    issued = _date_parts(item, "issued")
    if issued:
        fields.append(("year", str(issued[0])))
        if len(issued) > 1:
            fields.append(("month", str(issued[1])))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued))))
    for variable, key in (("volume", "volume"), ("issue", "number"), ("edition", "edition")):
        if csl.get(variable):
            fields.append((key, csl[variable]))
    if csl.get("page"):
        fields.append(("pages", re.sub(r"\s*[-–—]\s*", "--", str(csl["page"]))))
    publisher = csl.get("publisher")
    if publisher:
        fields.append(("institution" if entry == "techreport" else "publisher", publisher))
    if csl.get("publisher-place"):
        fields.append(("address", csl["publisher-place"]))
    for variable, key in (("DOI", "doi"), ("ISBN", "isbn"), ("URL", "url")):
        if csl.get(variable):
            fields.append((key, csl[variable]))
    accessed = _date_parts(item, "accessed")
    if accessed:
        fields.append(("urldate", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed))))
    fields.append(("langid", "chinese" if item.chinese else "english"))
    remark = _remark(item)
    if remark:
        fields.append(("note", remark))
    body = ",\n".join(f"  {key} = {{{_field(key, value)}}}" for key, value in fields if value)
    return f"@{entry}{{{bibtex_key(item)},\n{body}\n}}\n"


def ris(item: Item) -> str:
    """The item as one RIS record (``TY`` the type, ``ER`` its end)."""
    csl = item.csl
    kind = item.type
    lines: list[tuple[str, str]] = [("TY", _RIS_TYPES.get(kind, "GEN"))]
    lines.extend(("AU", n) for n in _names(item, "author"))
    lines.extend(("ED", n) for n in _names(item, "editor"))
    lines.append(("TI", _text(csl.get("title", ""))))
    container = csl.get("container-title")
    if container:
        lines.append(("JO" if kind in ("article-journal", "article-magazine") else "T2", _text(container)))
    issued = _date_parts(item, "issued")
    if issued:
        lines.append(("PY", str(issued[0])))
        lines.append(
            ("DA", "/".join([f"{p:02d}" if i else str(p) for i, p in enumerate(issued)] + [""] * (4 - len(issued))))
        )
    for variable, tag in (("volume", "VL"), ("issue", "IS"), ("edition", "ET")):
        if csl.get(variable):
            lines.append((tag, _text(csl[variable])))
    page = str(csl.get("page") or "")
    if page:
        m = re.fullmatch(r"(.+?)\s*[-–—]\s*(.+)", page)
        first, last = (m.group(1), m.group(2)) if m else (page, "")
        lines.append(("SP", _text(first)))
        if last:
            lines.append(("EP", _text(last)))
    for variable, tag in (("publisher", "PB"), ("publisher-place", "CY"), ("DOI", "DO"), ("ISBN", "SN"), ("URL", "UR")):
        if csl.get(variable):
            lines.append((tag, _text(csl[variable])))
    accessed = _date_parts(item, "accessed")
    if accessed:
        lines.append(("Y2", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(accessed))))
    lines.append(("LA", "zh" if item.chinese else "en"))
    remark = _remark(item)
    if remark:
        lines.append(("N1", remark))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)
