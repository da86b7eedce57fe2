"""Web pages copied as text (a browser's copy, innerText): each convention on a small example.

The corpus documents that show them are in ``tests/corpus/web-en`` and ``tests/corpus/web-zh``.
"""

from __future__ import annotations

from reader.pipeline.conventions import infer
from reader.pipeline.normalise import reading_edits
from reader.pipeline.webcopy import furniture_line, heading_mark, split_title, table_row, title_over
from reader.sources import decode_source, lay_out_text
from tests.conftest import build, reading

LEAD = (
    "The lighthouse keeper's log records every ship that passed the point between 1870 and 1932, "
    "with its flag, its cargo and the weather, and it is the only such record on this coast."
)
SECOND = (
    "Most entries are a single line, but storms fill whole pages: the keeper wrote down what he saw "
    "of the wrecks, who came ashore and what the village did for them in the days after."
)
THIRD = (
    "The log was given to the county archive in 1951 by the keeper's granddaughter, who had kept it "
    "in a sea chest with his uniform, his telescope and a bundle of letters from the harbour board."
)


def _page(*lines: str) -> str:
    """A page as a browser copies it: one line a block element, a blank line around paragraphs."""
    return "\n".join(lines) + "\n"


def _conventions(text: str):
    decoded, facts = decode_source(text.encode(), "page.txt")
    return infer(lay_out_text(decoded.text, facts))


def test_unwrapped_text_is_read_one_paragraph_per_line():
    # convention: a browser never wraps a paragraph, so lines far past any measure and no wraps
    page = _page("Home", "About", "Archive", "", LEAD, "", SECOND, "", THIRD)
    conv = _conventions(page)
    assert conv.unwrapped and conv.lines_are_paragraphs
    assert reading(build(page)) == ["Home", "About", "Archive", LEAD, SECOND, THIRD]


def test_hard_wrapped_text_is_not_unwrapped():
    words = (LEAD + " " + SECOND + " " + THIRD).split()
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    assert not _conventions("\n".join(lines) + "\n\n" + "\n".join(lines) + "\n").unwrapped


def test_long_lines_that_wrap_mid_sentence_are_not_unwrapped():
    # a PDF extraction that runs columns together: long lines, but most breaks fall mid-sentence
    long = "and the keeper wrote down what he saw of the wrecks who came ashore and what the village did for them in the days after the storm of"
    text = "\n".join([f"Column text {i} {long}" if i % 2 else f"{long} {i}" for i in range(8)]) + "\n"
    assert not _conventions(text).unwrapped


def test_a_tab_separated_table_is_kept_line_by_line():
    # convention: a copied table's cells are separated by tabs, its rows by line breaks
    page = _page("Ships by decade", "Decade\tShips\tWrecks", "1870s\t412\t3", "1880s\t530\t5", "", LEAD)
    doc = build(page)
    tables = [b for b in doc.blocks if b.kind == "preformatted"]
    assert [b.text for b in tables] == ["Decade\tShips\tWrecks\n1870s\t412\t3\n1880s\t530\t5"]
    assert table_row("Decade\tShips") and not table_row("\tindented line") and not table_row("no tabs here")


def test_one_tab_separated_line_is_no_table():
    assert [b.kind for b in build(_page("Keeper:\tJohn Hale", "", LEAD, "", SECOND)).blocks] == ["paragraph"] * 3


def test_a_mediawiki_edit_mark_makes_a_heading_and_leaves_the_text():
    page = _page("History[edit]", "", LEAD, "", "Archive[edit]", "", SECOND)
    doc = build(page)
    headings = [b.heading.title for b in doc.blocks if b.heading is not None]
    assert headings == ["History", "Archive"]
    assert not any("[edit]" in text for text in reading(doc))
    assert heading_mark("历史[编辑]", permalinks=False) == len("[编辑]")
    assert heading_mark("[edit]", permalinks=False) == 0  # a mark with no title is no heading


def test_a_permalink_mark_makes_a_heading_in_unwrapped_text_only():
    page = _page("Keeping the log #", "", LEAD, "", SECOND, "", "The storms ¶", "", THIRD)
    doc = build(page)
    assert [b.heading.title for b in doc.blocks if b.heading is not None] == ["Keeping the log", "The storms"]
    assert heading_mark("x = y #", permalinks=False) == 0


def test_a_title_over_prose_is_a_heading_and_menu_lines_are_not():
    page = _page(
        "Home", "Visit us", "Opening hours", "", "The keeper's log", LEAD, "", SECOND, "", "Related", "Maps", "Letters"
    )
    doc = build(page)
    assert [b.heading.title for b in doc.blocks if b.heading is not None] == ["The keeper's log"]
    assert title_over("The keeper's log", LEAD)
    assert not title_over("Opening hours", "Contact")
    assert not title_over("Email Address *", LEAD)  # a form's field, not a title


def test_a_title_over_its_dateline_over_prose_is_a_heading():
    page = _page(
        "Home", "Blog", "The keeper's log", "", "Published 21 November 2019 · Tagged with history", "", LEAD, "", SECOND
    )
    doc = build(page)
    assert [b.heading.title for b in doc.blocks if b.heading is not None][:1] == ["The keeper's log"]
    assert not title_over("The keeper's log", "Published 21 November 2019", "Home")


def test_skip_links_and_page_tools_are_furniture():
    page = _page(
        "Skip to content",
        "Jump to navigation Jump to search",
        "",
        LEAD,
        "",
        SECOND,
        "",
        "扫一扫在手机打开当前页",
        "【打印本页】【关闭窗口】",
    )
    assert reading(build(page)) == [LEAD, SECOND]
    assert not furniture_line("Skip to content and read the log")
    assert all(map(furniture_line, ["【字体：大 中 小】", "字号：大中小", "Share this article", "Back to top"]))
    assert heading_mark("History [ edit ]", permalinks=False) == len(" [ edit ]")


def test_contents_entries_that_headings_repeat_are_not_headings():
    page = _page("Contents", "1 History", "2 Archive", "History[edit]", "", LEAD, "", "Archive[edit]", "", SECOND)
    doc = build(page)
    assert [(b.heading.number, b.heading.title) for b in doc.blocks if b.heading is not None] == [
        (None, "History"),
        (None, "Archive"),
    ]
    assert "1 History" not in reading(doc)


def test_a_line_opening_with_a_full_stop_goes_on_from_the_line_before():
    # a browser breaks a line where an inline element stood (a reference's external-link icon)
    page = _page(
        "References",
        '^ "The keeper\'s log" ',
        ". Harbour Gazette. 3 May 1951.",
        '^ "Wrecks of the point"',
        "",
        LEAD,
        "",
        SECOND,
    )
    texts = reading(build(page))
    assert '^ "The keeper\'s log" . Harbour Gazette. 3 May 1951.' in [" ".join(t.split()) for t in texts]
    assert '^ "Wrecks of the point"' in texts


def test_a_shell_session_is_preformatted():
    page = _page(LEAD, "", "$ make log", "$ ./log --year 1871", "412 ships, 3 wrecks", "", SECOND, "", THIRD)
    pre = [b.text for b in build(page).blocks if b.kind == "preformatted"]
    assert pre == ["$ make log\n$ ./log --year 1871\n412 ships, 3 wrecks"]


def test_a_chinese_table_row_keeps_its_tabs_and_spaces():
    # the tracking of a label (索 引 号, spaced to the width of 标　　题) is the table's layout
    row = "索 引 号：\t000014349/2018-00213\t主题分类：\t综合政务"
    text = f"{row}\n发文字号：\t国办发〔2018〕15号\t发布日期：\t2018年12月06日\n\n各省人民政府：\n\n经国务院批准，现将 2019 年部分节假日安排通知如下。\n"
    doc = build(text)
    pre = [b.text for b in doc.blocks if b.kind == "preformatted"]
    assert pre and pre[0].split("\n")[0] == row
    assert "经国务院批准，现将2019年部分节假日安排通知如下。" in reading(doc)


def test_a_tab_beside_chinese_is_no_extraction_space():
    text = "成文日期：\t2018年\n增长 10%\n"
    gaps = [text[a:b] for a, b, _ in reading_edits(text, cjk=True, cjk_spaces=True)]
    assert gaps == [" "]


def test_clean_one_paragraph_per_line_text_is_unchanged():
    page = "\n".join([LEAD, SECOND, THIRD]) + "\n"
    assert reading(build(page)) == [LEAD, SECOND, THIRD]


def test_an_official_titles_two_lines_are_one_heading():
    # GB/T 9704: a long title set in two centred lines; a web page makes each its own paragraph
    text = "国务院办公厅关于2019年\n\n部分节假日安排的通知\n\n国办发明电〔2018〕15号\n\n各省、自治区、直辖市人民政府：\n\n经国务院批准，现将2019年元旦、春节放假调休日期的具体安排通知如下。\n"
    doc = build(text)
    assert [b.heading.title for b in doc.blocks if b.heading is not None] == [
        "国务院办公厅关于2019年部分节假日安排的通知"
    ]
    assert reading(doc)[1] == "国办发明电〔2018〕15号"
    assert split_title(["国务院关于", "印发某方案的通知", "国办发〔2019〕3号"]) == 2
    assert (
        split_title(["国务院关于同意乌鲁木齐、昌吉、石河子", "高新技术产业开发区建设", "国家自主创新示范区的批复"]) == 3
    )
    assert not split_title(["关于做好工作的通知", "国办发〔2019〕3号"])  # a whole title over its number
    assert not split_title(["一、关于总体要求", "落实工作的意见"])  # a numbered heading is no title's line
    assert not split_title(["国务院关于", "现将有关事项通知如下。", "特此通知"])  # a sentence ends the run
