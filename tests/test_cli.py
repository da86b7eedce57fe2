"""The command line for scripts: JSON shapes, quotes, and the sample."""

from __future__ import annotations

import json
import sys

import pytest

from reader.cli import main
from tests.conftest import SAMPLE


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_reflow_json_shape(capsys):
    code, out, _ = run(capsys, "reflow", "--json", str(SAMPLE))
    data = json.loads(out)
    assert code == 0
    assert data["metadata"]["title"] == "临江市政府工作报告" and data["metadata"]["page"] == "03"
    kinds = {b["kind"] for b in data["blocks"]}
    assert kinds == {"heading", "paragraph", "item", "furniture"}
    for block in data["blocks"]:
        assert set(block) >= {"kind", "text", "section", "source"}
        assert set(block["source"]) == {"line", "start", "end"}
    heading = next(b for b in data["blocks"] if b["kind"] == "heading" and b.get("number") == "2.1")
    assert heading["label"] == "(一)" and heading["inline_body"] is True


def test_reflow_text_has_a_blank_line_between_blocks(capsys):
    _, out, _ = run(capsys, "reflow", str(SAMPLE))
    blocks = out.strip().split("\n\n")
    assert blocks[0].startswith("过去一年，全市上下团结奋斗，经济运行稳中向好。")  # (the OCR's , repaired)
    assert "上接" not in out and "政府工作报告\n" not in out


def test_reflow_and_quote_as_printed_bring_the_files_punctuation_back(capsys):
    _, out, _ = run(capsys, "reflow", "--as-printed", str(SAMPLE))
    assert out.startswith("过去一年,全市上下团结奋斗,经济运行稳中向好。")
    _, quoted, _ = run(capsys, "quote", "--as-printed", str(SAMPLE), "2.1")
    _, repaired, _ = run(capsys, "quote", str(SAMPLE), "2.1")
    assert quoted.startswith("“坚持制造业当家,推动") and repaired.startswith("“坚持制造业当家，推动")


def test_reflow_json_records_each_repair_and_its_spans_point_into_the_file(capsys):
    """A repaired block's ``edits`` restore the file's characters, and its source span holds them."""
    source = SAMPLE.read_text("utf-8")
    _, out, _ = run(capsys, "reflow", "--json", str(SAMPLE))
    blocks = [b for b in json.loads(out)["blocks"] if b.get("edits")]
    assert blocks
    for block in blocks:
        text = block["text"]
        for start, end, printed in block["edits"]:
            assert (text[start:end], printed) in {*zip("，；：？！（）“”", ',;:?!()""', strict=True), ("……", "...")}
        piece = source[block["source"]["start"] : block["source"]["end"]]
        printed_text = _undo(text, block["edits"])
        assert "".join(printed_text.split()) == "".join(piece.split())
    _, out, _ = run(capsys, "reflow", "--json", "--as-printed", str(SAMPLE))
    as_printed = [b for b in json.loads(out)["blocks"] if b["source"] == blocks[0]["source"]]
    assert as_printed[0]["text"] == _undo(blocks[0]["text"], blocks[0]["edits"]) and "edits" not in as_printed[0]


def _undo(text: str, edits: list[list]) -> str:
    out, pos = [], 0
    for start, end, printed in edits:
        out += [text[pos:start], printed]
        pos = end
    return "".join([*out, text[pos:]])


def test_outline_json_shape(capsys):
    _, out, _ = run(capsys, "outline", "--json", str(SAMPLE))
    sections = json.loads(out)["sections"]
    assert [s["number"] for s in sections][:2] == ["1", "2"]
    two = sections[1]
    assert [c["number"] for c in two["children"]] == ["2.1", "2.2", "2.3"]
    assert set(two) >= {"number", "label", "title", "level", "children"}
    assert sections[0]["implied"] is True


def test_figures_json_shape(capsys):
    _, out, _ = run(capsys, "figures", "--json", str(SAMPLE))
    figures = json.loads(out)["figures"]
    first = figures[0]
    assert first == {
        **first,
        "text": "1265.4亿元",
        "value": 1265.4,
        "unit": "亿元",
        "label": "地区生产总值",
        "section": "1",
    }
    assert {f["kind"] for f in figures} == {"target", "outcome"}


@pytest.mark.parametrize(
    ("style", "expect"),
    [
        ("plain", "——《临江市政府工作报告》，临江日报 2024-01-15 第03版，二、(二) 第2段"),
        ("markdown", "> 扎实推进美丽乡村建设"),
        ("gbt7714", "临江市人民政府. 临江市政府工作报告[N]. 临江日报，2024-01-15（03）. 二、(二) 第2段"),
        ("gbt7714-2015", "临江市人民政府. 临江市政府工作报告[N]. 临江日报, 2024-01-15(03). 二、(二) 第2段"),
        (
            "apa",
            "(临江市人民政府, 2024, Section 2.2, para. 2)\n\n临江市人民政府. (2024, January 15). 临江市政府工作报告. 临江日报, 03.",
        ),
        (
            "chicago-author-date",
            "(临江市人民政府 2024, sec. 2.2, para. 2)\n\n临江市人民政府. 2024. “临江市政府工作报告.” 临江日报, January 15.",
        ),
        (
            "modern-language-association",
            "(临江市人民政府, sec. 2.2, par. 2)\n\n临江市人民政府. “临江市政府工作报告.” 临江日报, 15 Jan. 2024, p. 03.",
        ),
    ],
)
def test_quote_styles(capsys, style, expect):
    code, out, _ = run(capsys, "quote", str(SAMPLE), "2.2:2", "--style", style)
    assert code == 0 and expect in out
    assert "扎实推进美丽乡村建设。完成农村公路提质改造420公里" in out


def test_quote_by_chinese_number_and_errors(capsys):
    code, out, _ = run(capsys, "quote", str(SAMPLE), "二(二)")
    assert code == 0 and "守牢粮食安全底线" in out
    code, _, err = run(capsys, "quote", str(SAMPLE), "9.9")
    assert code == 2 and err.startswith("reader: no section '9.9'")
    code, _, err = run(capsys, "quote", str(SAMPLE), "2.2:99")
    assert code == 2 and "paragraph" in err


def test_english_document_gets_english_citations(tmp_path, capsys):
    from tests.generator import lay_out_latin
    from tests.texts import ENGLISH_REPORT

    path = tmp_path / "water.txt"
    path.write_text(lay_out_latin(ENGLISH_REPORT, seed=2).text)
    code, out, _ = run(capsys, "quote", str(path), "2.1:2")
    assert code == 0 and out.startswith("\u201cReplacement of the oldest mains")
    assert "sec. 2.1, para. 2" in out and "water" in out


@pytest.mark.parametrize("command", ["reflow", "outline", "figures"])
@pytest.mark.parametrize("document", ["sample", "empty"])
def test_json_is_written_item_by_item_yet_reads_as_one_indented_dump(capsys, tmp_path, command, document):
    path = SAMPLE if document == "sample" else tmp_path / "empty.txt"
    if document == "empty":
        path.write_bytes(b"")
    code, out, _ = run(capsys, command, "--json", str(path))
    assert code == 0
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=1) + "\n"


def test_json_items_go_out_as_they_are_made_not_after_the_last(monkeypatch):
    import io

    from reader import cli

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    written: list[int] = []

    def items():
        for n in range(3):
            written.append(len(out.getvalue()))
            yield {"n": n, "text": "第一段"}

    cli._dump({"metadata": {"title": "t"}, "blocks": items()})
    assert written[0] < written[1] < written[2]
    assert json.loads(out.getvalue())["blocks"][2] == {"n": 2, "text": "第一段"}


def test_figures_of_several_documents_make_one_table(tmp_path, capsys):
    import csv
    import io

    other = tmp_path / "county.txt"
    other.write_text(
        "二、2026年工作安排\n\n主要预期目标是：地区生产总值增长6%左右，城镇新增就业1.2万人以上。\n", "utf-8"
    )
    code, out, _ = run(capsys, "figures", "--csv", "--kind", "target", str(SAMPLE), str(other))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["kind"] for r in rows} == {"target"}
    assert {r["source"] for r in rows} == {SAMPLE.name, "county.txt"}
    assert rows[0]["document"] == "临江市政府工作报告 (2024-01-15)"
    county = [r for r in rows if r["source"] == "county.txt"]
    assert [(r["label"], r["amount"], r["measure"], r["qualifier"]) for r in county] == [
        ("地区生产总值增长", "6", "%", "左右"),
        ("城镇新增就业", "12000", "人", "以上"),
    ]
    code, out, _ = run(capsys, "figures", "--json", str(SAMPLE), str(other))
    table = json.loads(out)["figures"]
    assert {row["source"] for row in table} == {SAMPLE.name, "county.txt"} and "amount" in table[0]


def test_figures_of_a_missing_document_is_one_line_error(capsys):
    code, _, err = run(capsys, "figures", str(SAMPLE), "missing.txt")
    assert code == 2 and err.strip().count("\n") == 0 and err.startswith("reader: ")
