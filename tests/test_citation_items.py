"""What kind of work a document is, its CSL item, the corpus page's citations and the exports."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from reader.citation import item_of
from reader.citation.export import bibtex, csl_json, ris
from reader.citation.items import parse_date, parse_names
from reader.citation.quote import cite
from reader.cite import place_of
from reader.cli import main
from reader.model.document import Document
from reader.pipeline.build import build_document
from tests.conftest import CORPUS_TXT, SAMPLE

CORPUS_ARGS = [str(CORPUS_TXT), "2.3:2"]
_CJK_LOCATOR = re.compile(r"[第段节页版章]")


def _doc(text: str, sidecar: dict[str, str] | None = None, name: str = "doc.txt") -> Document:
    return build_document(text.encode(), name, sidecar)


def test_the_corpus_page_is_a_newspaper_page_with_an_inferred_page(corpus_doc):
    item = item_of(corpus_doc)
    assert item.type == "article-newspaper"
    assert item.csl["page"] == "02" and "page" in item.inferred and "title" in item.inferred
    assert item.missing == ("container-title", "issued")


def test_the_sample_is_a_newspaper_article_in_its_paper():
    doc = build_document(
        SAMPLE.read_bytes(),
        SAMPLE.name,
        {"title": "临江市政府工作报告", "author": "临江市人民政府", "publisher": "临江日报", "date": "2024-01-15"},
    )
    item = item_of(doc)
    assert item.type == "article-newspaper" and item.csl["container-title"] == "临江日报"
    assert "publisher" not in item.csl and item.csl["issued"] == {"date-parts": [[2024, 1, 15]]}


def test_a_masthead_names_the_newspaper():
    doc = _doc("第一段正文在这里。\n\n第二段正文也在这里。\n")
    first = doc.blocks[0]
    masthead = replace(first, kind="furniture", role="running-head", text="株洲日报 2023年1月10日 星期二")
    doc = Document(doc.metadata, (masthead, *doc.blocks[1:]), doc.sections, doc.figures)
    item = item_of(doc)
    assert item.type == "article-newspaper" and item.csl["container-title"] == "株洲日报"
    assert "container-title" in item.inferred


@pytest.mark.parametrize(
    ("sidecar", "kind"),
    [
        ({"title": "2023年政府工作报告"}, "report"),
        ({"title": "Annual report 2023", "language": "en"}, "report"),
        ({"title": "一页", "url": "https://example.org/a"}, "webpage"),
        ({"title": "论文", "journal": "科学通报", "volume": "55", "issue": "34"}, "article-journal"),
        ({"title": "书", "isbn": "978-7-101-00000-0"}, "book"),
        ({"title": "书", "place": "北京", "publisher": "中华书局"}, "book"),
        ({"title": "章", "container": "论文集", "editor": "王五"}, "chapter"),
        ({"title": "A story", "publisher": "The Daily Herald", "page": "A1", "language": "en"}, "article-newspaper"),
        ({"title": "x", "type": "journal"}, "article-journal"),
        ({"title": "随笔"}, "document"),
    ],
)
def test_the_type_comes_from_the_sidecar_or_the_text(sidecar, kind):
    assert item_of(_doc("正文第一段。\n", sidecar), sidecar).type == kind


def test_names_dates_and_the_access_date_of_a_web_page():
    assert parse_names("Smith, John; World Health Organization", False) == [
        {"family": "Smith", "given": "John"},
        {"literal": "World Health Organization"},
    ]
    assert parse_names("张三、李四", True) == [{"literal": "张三"}, {"literal": "李四"}]
    assert parse_date("2024年1月5日") == {"date-parts": [[2024, 1, 5]]}
    assert parse_date("spring 2024") == {"literal": "spring 2024"}
    import datetime as dt

    doc = _doc("正文。\n", {"title": "页", "url": "https://example.org"})
    item = item_of(doc, {"url": "https://example.org"}, today=dt.date(2026, 11, 27))
    assert item.csl["accessed"] == {"date-parts": [[2026, 11, 27]]}


# -- the corpus page, as the issue asks ------------------------------------------------------
def _quote(capsys, *args: str) -> str:
    assert main(["quote", *CORPUS_ARGS, *args]) == 0
    return capsys.readouterr().out


def test_gbt7714_cites_the_corpus_page_as_a_newspaper_page_with_its_page(capsys, corpus_doc):
    out = _quote(capsys, "--style", "gbt7714")
    reference = out.rstrip("\n").split("\n\n")[-1]
    assert reference.startswith("政府工作报告[N]. （02）. 二、(三) 第2段")
    assert "[R]" not in out
    assert "(02)" in _quote(capsys, "--style", "gbt7714-2015")


def test_apa_gives_the_title_once_and_english_locators(capsys, corpus_doc):
    out = _quote(capsys, "--style", "apa")
    body, reference = out.rstrip("\n").rsplit("\n\n", 1)
    in_text = body[body.rindex(" (") :]
    assert in_text == " (政府工作报告, n.d., Section 2.3, para. 2)"
    assert reference.count("政府工作报告") == 1
    assert not _CJK_LOCATOR.search(reference.replace("政府工作报告", ""))
    assert "inferred: title, page; missing: newspaper, date" in reference


@pytest.mark.parametrize(
    ("style", "in_text"),
    [
        ("chicago-author-date", "(政府工作报告, n.d., sec. 2.3, para. 2)"),
        ("modern-language-association", "(政府工作报告, sec. 2.3, par. 2)"),
    ],
)
def test_chicago_and_mla_cite_the_corpus_page(capsys, corpus_doc, style, in_text):
    out = _quote(capsys, "--style", style)
    assert in_text in out and out.count("政府工作报告") == 2  # in the text and in the reference


def test_an_english_document_gets_english_locators_in_every_style():
    doc = _doc("1. Aims\n\nFirst we say this.\n\nThen we say that.\n", {"title": "Plan", "language": "en"})
    section = doc.section("1")
    place = place_of(doc, doc.paragraphs_of(section)[1].index)
    for style in ("gbt7714", "apa", "chicago-author-date", "modern-language-association", "ieee"):
        cited = cite(doc, place, style)
        assert not re.search(r"[\u4e00-\u9fff]", cited.line()), (style, cited.line())


def test_an_unknown_style_is_one_clear_line(capsys, corpus_doc):
    assert main(["quote", *CORPUS_ARGS, "--style", "nosuch"]) == 2
    assert capsys.readouterr().err == "reader: unknown citation style 'nosuch' (reader cite --list-styles lists them)\n"


def test_quote_log_flag_appends_to_the_notes_file(capsys, corpus_doc):
    assert main(["quote", *CORPUS_ARGS, "--style", "apa", "--log"]) == 0
    captured = capsys.readouterr()
    path = captured.err.strip().removeprefix("logged in ")
    text = open(path, encoding="utf-8").read()
    assert "## " in text and "(政府工作报告, n.d., Section 2.3, para. 2)" in text and "*(apa)*" in text


# -- exports -------------------------------------------------------------------------------------
def test_bibtex_parses_and_keeps_the_fields():
    import bibtexparser

    sidecar = {
        "title": "Cataloging internet resources & more_100%",
        "author": "Caplan, Priscilla",
        "journal": "The Public-Access Computer Systems Review",
        "date": "1993",
        "volume": "4",
        "issue": "2",
        "pages": "61-66",
        "doi": "https://doi.org/10.1000/x_1",
        "language": "en",
    }
    item = item_of(_doc("Text.\n", sidecar), sidecar)
    library = bibtexparser.parse_string(bibtex(item))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "article" and entry.key == "caplan1993"
    assert entry["author"] == "Caplan, Priscilla" and entry["pages"] == "61--66" and entry["number"] == "2"
    assert entry["doi"] == "10.1000/x_1" and entry["title"] == r"Cataloging internet resources \& more\_100\%"


def test_the_corpus_page_exports_to_bibtex_ris_and_csl_json(capsys, corpus_doc):
    import bibtexparser

    assert main(["cite", str(CORPUS_TXT), "--format", "bibtex"]) == 0
    library = bibtexparser.parse_string(capsys.readouterr().out)
    assert not library.failed_blocks and len(library.entries) == 1
    assert library.entries[0]["title"] == "政府工作报告" and library.entries[0]["pages"] == "02"
    assert main(["cite", str(CORPUS_TXT), "--format", "ris"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "TY  - NEWS" and lines[-1].startswith("ER  -") and "SP  - 02" in lines
    assert main(["cite", str(CORPUS_TXT), "--format", "csl-json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["type"] == "article-newspaper" and data["page"] == "02" and "inferred" in data["note"]


@pytest.mark.parametrize(
    ("sidecar", "ty"),
    [
        ({"type": "report", "title": "政府工作报告"}, "RPRT"),
        ({"title": "页", "url": "https://example.org"}, "ELEC"),
        ({"title": "书", "isbn": "9787101000000"}, "BOOK"),
        ({"title": "章", "container": "集", "editor": "王五"}, "CHAP"),
        ({"title": "文", "journal": "刊", "volume": "1"}, "JOUR"),
    ],
)
def test_ris_has_the_right_type(sidecar, ty):
    assert ris(item_of(_doc("正文。\n", sidecar), sidecar)).startswith(f"TY  - {ty}\n")


def test_csl_json_is_what_zotero_reads():
    sidecar = {
        "title": "书",
        "author": "曹凌",
        "place": "上海",
        "publisher": "上海古籍出版社",
        "date": "2011",
        "isbn": "9787532558796",
        "edition": "2",
    }
    (data,) = json.loads(csl_json(item_of(_doc("正文。\n", sidecar), sidecar)))
    assert data["type"] == "book" and data["publisher-place"] == "上海" and data["ISBN"] == "9787532558796"
    assert data["author"] == [{"literal": "曹凌"}] and data["edition"] == "2"


def test_cite_prints_the_reference_and_lists_styles(capsys):
    assert main(["cite", str(SAMPLE)]) == 0
    assert (
        capsys.readouterr().out == "临江市人民政府. 临江市政府工作报告[N]. 临江日报，2024-01-15（03）.（推断：版次）\n"
    )
    assert main(["cite", "--list-styles"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "plain\tPlain" and listed[2].startswith("gbt7714\tGB/T 7714-2025")
    assert "elsevier-harvard" in listed and len(listed) > 2000
    assert main(["cite"]) == 2
