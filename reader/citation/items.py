"""A document's metadata (sidecar or inferred) as a CSL-JSON item of the right type.

The type is the sidecar's ``type`` when it gives one; otherwise it is read from the document:
a newspaper page shows itself by its ``上接01版`` / ``下转03版`` marks, a masthead (``临江日报``) or a
container named like a newspaper; a paper by its journal, volume or issue; a book by its ISBN or
its place and publisher; a web page by its URL; a government work report by its title.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.model.document import Document

SIDECAR_KEYS: tuple[str, ...] = (
    "title",
    "author",
    "editor",
    "type",
    "journal",
    "container",
    "publisher",
    "source",
    "place",
    "date",
    "accessed",
    "volume",
    "issue",
    "page",
    "pages",
    "edition",
    "doi",
    "isbn",
    "url",
    "language",
)
"""The keys ``FILE.meta.toml`` may set (README, "Citations and metadata")."""

TYPE_ALIASES: dict[str, str] = {
    "newspaper": "article-newspaper",
    "news": "article-newspaper",
    "article-newspaper": "article-newspaper",
    "journal": "article-journal",
    "paper": "article-journal",
    "article": "article-journal",
    "article-journal": "article-journal",
    "magazine": "article-magazine",
    "article-magazine": "article-magazine",
    "report": "report",
    "web": "webpage",
    "webpage": "webpage",
    "web page": "webpage",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "conference": "paper-conference",
    "paper-conference": "paper-conference",
    "document": "document",
}
"""Sidecar ``type`` values (CSL types and friendly names) and the CSL type each stands for."""

_MASTHEAD_RE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:日报|晚报|晨报|时报|商报|青年报|经济报|法治报|法制报))")
_NEWSPAPER_NAME_RE = re.compile(r"(?<!学)报$|\b(?:times|post|herald|gazette|tribune|daily|news)\b", re.IGNORECASE)
_REPORT_RE = re.compile(r"报告|白皮书|\breport\b", re.IGNORECASE)
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_DATE_RE = re.compile(r"(\d{4})年?(?:[-/.]?(\d{1,2})月?(?:[-/.]?(\d{1,2})日?)?)?")

_ZH_LABELS = {
    "title": "题名",
    "page": "版次",
    "issued": "日期",
    "container-title": "报纸名",
    "publisher": "出版者",
    "URL": "网址",
    "author": "作者",
}
_EN_LABELS = {
    "title": "title",
    "page": "page",
    "issued": "date",
    "container-title": "newspaper",
    "publisher": "publisher",
    "URL": "URL",
    "author": "author",
}
_CONTAINER_WORDS = {
    "article-newspaper": ("报纸名", "newspaper"),
    "article-journal": ("刊名", "journal"),
    "article-magazine": ("刊名", "magazine"),
    "chapter": ("书名", "book"),
    "webpage": ("网站名", "site"),
}
_NEEDED: dict[str, tuple[str, ...]] = {
    "article-newspaper": ("container-title", "issued"),
    "article-journal": ("container-title", "issued"),
    "article-magazine": ("container-title", "issued"),
    "book": ("publisher", "issued"),
    "chapter": ("container-title", "publisher", "issued"),
    "webpage": ("URL",),
}


@dataclass(frozen=True)
class Item:
    """A CSL-JSON item and what is known about how it was made.

    ``inferred`` names the CSL variables guessed from the text (the citation says so);
    ``missing`` the variables this type of work needs that nobody gave (so the user knows what
    to put in the sidecar).
    """

    csl: dict[str, Any]
    inferred: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    chinese: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def type(self) -> str:
        """The CSL item type (``article-newspaper``, ``report`` …)."""
        return str(self.csl["type"])

    def note(self, chinese: bool | None = None) -> str:
        """The remark on inferred and missing fields (empty when there is nothing to say), in
        Chinese or English (by default the document's language)."""
        chinese = self.chinese if chinese is None else chinese
        words = _ZH_LABELS if chinese else _EN_LABELS
        container = _CONTAINER_WORDS.get(self.type)

        def label(name: str) -> str:
            if name == "container-title" and container:
                return container[0] if chinese else container[1]
            if name == "page" and self.type != "article-newspaper":
                return "页码" if chinese else "page"
            return words.get(name, name)

        bits = []
        if chinese:
            if self.inferred:
                bits.append("推断：" + "、".join(label(n) for n in self.inferred))
            if self.missing:
                bits.append("缺：" + "、".join(label(n) for n in self.missing))
            return f"（{'；'.join(bits)}）" if bits else ""
        if self.inferred:
            bits.append("inferred: " + ", ".join(label(n) for n in self.inferred))
        if self.missing:
            bits.append("missing: " + ", ".join(label(n) for n in self.missing))
        return f" ({'; '.join(bits)})" if bits else ""


def item_of(doc: Document, sidecar: Mapping[str, str] | None = None, today: _dt.date | None = None) -> Item:
    """Return the document's CSL-JSON item: its type, names, dates, container and numbers."""
    side = {k: str(v).strip() for k, v in (sidecar or {}).items() if str(v).strip()}
    meta = doc.metadata
    chinese = meta.language.startswith("zh")
    inferred: list[str] = []
    kind, masthead = _type_of(doc, side)
    csl: dict[str, Any] = {"id": _item_id(doc), "type": kind, "language": "zh-CN" if chinese else "en-US"}
    csl["title"] = meta.title or meta.source
    if "title" in meta.inferred:
        inferred.append("title")
    for variable, key in (("author", "author"), ("editor", "editor")):
        names = parse_names(side.get(key) or (meta.author if key == "author" else None) or "", chinese)
        if names:
            csl[variable] = names
    container = side.get("journal") or side.get("container")
    publisher = meta.publisher or side.get("publisher") or side.get("source")
    if kind in ("article-newspaper", "article-journal", "article-magazine", "webpage") and not container:
        container, publisher = publisher, None  # a newspaper's "publisher" in the sidecar is its name
    if not container and masthead and kind == "article-newspaper":
        container = masthead
        inferred.append("container-title")
    if container:
        csl["container-title"] = container
    if publisher:
        csl["publisher"] = publisher
    if side.get("place"):
        csl["publisher-place"] = side["place"]
    date = meta.date or side.get("date")
    if date:
        csl["issued"] = parse_date(date)
        if "date" in meta.inferred:
            inferred.append("issued")
    page = side.get("pages") or (meta.page if kind not in ("book", "report", "webpage") else None)
    if page:
        csl["page"] = page
        if not side.get("pages") and "page" in meta.inferred:
            inferred.append("page")
    for variable, key in (("volume", "volume"), ("issue", "issue"), ("edition", "edition")):
        if side.get(key):
            csl[variable] = side[key]
    if side.get("doi"):
        csl["DOI"] = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", side["doi"], flags=re.IGNORECASE)
    if side.get("isbn"):
        csl["ISBN"] = side["isbn"]
    url = meta.url or side.get("url")
    if url:
        csl["URL"] = url
    if side.get("accessed"):
        csl["accessed"] = parse_date(side["accessed"])
    elif url:
        csl["accessed"] = parse_date((today or _dt.date.today()).isoformat())  # the day it was read
    missing = tuple(v for v in _NEEDED.get(kind, ()) if v not in csl)
    return Item(csl, tuple(inferred), missing, chinese, side)


def _item_id(doc: Document) -> str:
    """A stable key for the item (the document's content hash)."""
    return "doc-" + (doc.metadata.content_hash[:8] or "0")


def _type_of(doc: Document, side: Mapping[str, str]) -> tuple[str, str | None]:
    """Return the CSL type (the sidecar's, else read from the document) and a masthead, if any."""
    masthead = _masthead(doc)
    given = side.get("type", "").strip().lower()
    if given:
        return TYPE_ALIASES.get(given, given), masthead
    container = side.get("journal") or side.get("container") or ""
    named = container or side.get("publisher") or side.get("source") or doc.metadata.publisher or ""
    if _page_marks(doc) or masthead or (named and _NEWSPAPER_NAME_RE.search(named) and not container):
        return "article-newspaper", masthead
    if container and (side.get("volume") or side.get("issue") or side.get("doi")):
        return "article-journal", None
    if container and (side.get("editor") or side.get("isbn") or side.get("pages")):
        return "chapter", None
    if side.get("isbn") or (side.get("place") and (side.get("publisher") or doc.metadata.publisher)):
        return "book", None
    if doc.metadata.url or side.get("url"):
        return "webpage", None
    if _REPORT_RE.search(doc.metadata.title or ""):
        return "report", None
    return "document", None


def _page_marks(doc: Document) -> bool:
    """True when the page carries a newspaper's continuation marks (``▲上接01版``)."""
    chinese = doc.metadata.language.startswith("zh")
    for b in doc.blocks:
        if b.role in ("continued-from", "continued-on") and (not chinese or "版" in b.text):
            return True
    return False


def _masthead(doc: Document) -> str | None:
    """The newspaper's name when a masthead or running head prints it (``临江日报``)."""
    for b in doc.blocks:
        if b.kind == "furniture" and b.role not in ("continued-from", "continued-on"):
            m = _MASTHEAD_RE.search(b.text)
            if m:
                return m.group(1)
    return None


def parse_names(text: str, chinese: bool) -> list[dict[str, str]]:
    """Split ``Family, Given; Family, Given`` (or ``张三、李四``) into CSL names; a name
    without a comma, or in Chinese characters, stays whole (an organisation, a Chinese name)."""
    if not text:
        return []
    parts = re.split(r"\s*[;；]\s*", text)
    if len(parts) == 1 and _CJK_RE.search(text):
        parts = re.split(r"\s*[、，,]\s*", text)
    names: list[dict[str, str]] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if "," in part and not _CJK_RE.search(part):
            family, given = (s.strip() for s in part.split(",", 1))
            names.append({"family": family, "given": given} if given else {"literal": family})
        else:
            names.append({"literal": part})
    return names


def parse_date(text: str) -> dict[str, Any]:
    """Turn ``2024-01-15`` / ``2024年1月15日`` / ``2024`` into CSL date parts (else a literal)."""
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        return {"literal": text}
    parts = [int(g) for g in m.groups() if g]
    return {"date-parts": [parts]}


def display_names(names: list[dict[str, str]]) -> list[str]:
    """Names as written for people: ``Family, Given`` or the literal."""
    return [n.get("literal") or ", ".join(p for p in (n.get("family"), n.get("given")) if p) for n in names]
