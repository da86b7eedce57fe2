"""Conventions found missing by the held-out round (documents scored before any fix), one each."""

from __future__ import annotations

from reader.sources.markdown import front_matter
from reader.sources.markdown_html import html_block_parts, open_blocks
from tests.conftest import build, reading


def _kinds(doc):
    return [(b.kind, b.printed_text()) for b in doc.blocks if b.kind != "furniture"]


# -- Markdown: raw HTML reads as a browser renders it -------------------------------------


def test_an_html_note_box_in_markdown_reads_as_its_heading_and_paragraph():
    text = (
        "Intro paragraph.\n\n"
        '<div class="note warning">\n  <h5>Encoding Warning</h5>\n  <p>\n'
        "    Make sure that no <code>BOM</code> header\n    characters exist in your files.\n  </p>\n</div>\n\n"
        "## Next\n\nMore text.\n"
    )
    doc = build(text, "page.md")
    assert ("paragraph", "Make sure that no BOM header characters exist in your files.") in _kinds(doc)
    assert [b.heading.title for b in doc.blocks if b.heading is not None] == ["Encoding Warning", "Next"]
    assert not any("<" in t for _, t in _kinds(doc))


def test_a_centred_logo_and_badges_have_no_reading_text():
    text = '<p align="center">\n  <a href="x"><img src="logo.svg" alt="logo"></a>\n</p>\n\n# Tool\n\nIt finds files.\n'
    assert reading(build(text, "README.md")) == ["Tool", "It finds files."]


def test_an_html_table_cut_by_blank_lines_stays_html_not_code():
    # CommonMark ends the HTML block at the blank line; the indented rest is more of the table
    # (as kramdown reads it), not an indented code block
    text = (
        "## Variables\n\n<table>\n  <tr>\n    <td><p><code>layout</code></p></td>\n    <td>\n      <p>\n\n"
        "          If set, this specifies the layout file to use.\n\n        </p>\n"
        "        <ul>\n          <li>Using <code>null</code> will produce a file.</li>\n        </ul>\n"
        "    </td>\n  </tr>\n</table>\n"
    )
    kinds = _kinds(build(text, "page.md"))
    assert ("paragraph", "If set, this specifies the layout file to use.") in kinds
    assert ("item", "- Using null will produce a file.") in kinds
    assert all(kind != "preformatted" for kind, _ in kinds)
    # a short table cell is no heading: the writer marked the headings with #
    assert [t for k, t in kinds if k == "heading"] == ["Variables"]


def test_html_block_parts_keep_pre_lines_and_drop_scripts_and_comments():
    parts = html_block_parts("<pre>\nx = 1\n  y = 2\n</pre>\n<script>var a;</script>\n<!-- note -->\n<p>Done.</p>\n")
    assert [(hint, [t for _, t in lines]) for hint, _, lines in parts] == [
        ("preformatted", ["x = 1", "  y = 2"]),
        ("paragraph", ["Done."]),
    ]
    assert open_blocks("<div>\n<table><tr><td>") == 4 and open_blocks("</td></tr></table></div>", 4) == 0


def test_front_matter_is_settings_not_text_and_its_title_heads_the_page():
    text = "---\ntitle: Front Matter\npermalink: /docs/fm/\n---\n\nAny file with front matter is special.\n"
    assert front_matter(text) == (4, "Front Matter", 1)
    doc = build(text, "fm.md")
    assert reading(doc) == ["Front Matter", "Any file with front matter is special."]
    assert doc.blocks[0].heading is not None
    # a thematic break first, with prose after it, is no front matter
    assert front_matter("---\nSome prose here.\n---\n")[0] == 0


# -- plain text: a title underlined by a rule ------------------------------------------------


def test_a_chapter_title_ruled_off_by_a_long_rule_is_a_heading_and_the_rule_no_text():
    text = (
        "\n第一回　甄士隱夢幻識通靈　賈雨村風塵怀閨秀\n" + "-" * 65 + "\n"
        "此開卷第一回也．作者自云：因曾歷過一番夢幻之后，故將真事隱去，\n而借通靈之說，撰此《石頭記》一書也．\n"
        "　　列位看官：你道此書從何而來？說起根由雖近荒唐，細按則深有趣味．\n待在下將此來歷注明，方使閱者了然不惑．\n"
    )
    doc = build(text)
    assert [(s.number, s.title) for s in doc.sections] == [("1", "甄士隱夢幻識通靈　賈雨村風塵怀閨秀")]
    assert reading(doc)[1].startswith("此開卷第一回也")
    assert not any("---" in t for t in reading(doc))


def test_an_underline_does_not_run_into_the_paragraph_under_it():
    doc = build("Chapter One\n-----------\nIt was a dark and stormy night; the rain fell in torrents.\n\nNext.\n")
    assert reading(doc) == ["Chapter One", "It was a dark and stormy night; the rain fell in torrents.", "Next."]


# -- pdftotext: a law's numbers in a column of their own ------------------------------------


def test_a_division_number_alone_on_its_line_goes_on_with_its_body():
    text = (
        "第一章\n\n刑法的任务、基本原则和适用范围\n\n第一条\n\n为了惩罚犯罪，保护人民，根据宪法，结合我国同犯罪作斗争的具体经验及实际情况，制\n\n"
        "定本法。\n第二条\n\n中华人民共和国刑法的任务，是用刑罚同一切犯罪行为作斗争。\n"
        "第十七条之一\n\n已满七十五周岁的人故意犯罪的，可以从轻或者减轻处罚。\n"
    )
    doc = build(text)
    assert reading(doc, printed=True) == [
        "第一章\u3000刑法的任务、基本原则和适用范围",
        "第一条\u3000为了惩罚犯罪，保护人民，根据宪法，结合我国同犯罪作斗争的具体经验及实际情况，制定本法。",
        "第二条\u3000中华人民共和国刑法的任务，是用刑罚同一切犯罪行为作斗争。",
        "第十七条之一\u3000已满七十五周岁的人故意犯罪的，可以从轻或者减轻处罚。",
    ]
    assert [(s.number, s.title) for s in doc.sections] == [("1", "刑法的任务、基本原则和适用范围")]


def test_a_division_number_before_another_number_stays_apart():
    doc = build("第二章\n第一节\n\n犯罪和刑事责任的规定如下。\n")
    assert not any(t.startswith("第二章第一节") for t in reading(doc))


def test_a_stack_of_division_numbers_pairs_with_the_titles_after_it():
    # pdftotext: a chapter, its first section and its first article begin on one printed line
    # each, their numbers in a column of their own: the numbers come out stacked, then the titles
    text = (
        "第六条\n\n本条例自公布之日起施行。\n\n"
        "第三章\n第一节\n第七条\n\n监督管理\n一般规定\n\n"
        "县级以上人民政府应当加强对本行政区域内水资源的监督管理，建立健全\n\n工作机制。\n"
        "第八条\n\n任何单位和个人都有保护水资源的义务。\n"
    )
    doc = build(text)
    assert reading(doc, printed=True) == [
        "第六条\u3000本条例自公布之日起施行。",
        "第三章\u3000监督管理",
        "第一节\u3000一般规定",
        "第七条\u3000县级以上人民政府应当加强对本行政区域内水资源的监督管理，建立健全工作机制。",
        "第八条\u3000任何单位和个人都有保护水资源的义务。",
    ]
    assert [(s.number, s.title) for s in doc.sections if not s.implied] == [("3", "监督管理"), ("3.1", "一般规定")]
    blocks = [b for b in doc.blocks if b.kind != "furniture"]
    chapter, section, article = blocks[1], blocks[2], blocks[3]
    # each block's span runs from its number to its title or text, as printed (the stack between)
    assert text[chapter.source.start : chapter.source.start + 3] == "第三章"
    assert text[: chapter.source.end].endswith("监督管理")
    assert text[section.source.start : section.source.start + 3] == "第一节"
    assert text[: section.source.end].endswith("一般规定")
    assert text[article.source.start : article.source.start + 3] == "第七条"
    assert text[: article.source.end].endswith("工作机制。")
    assert chapter.source.start < section.source.start < article.source.start  # still in source order


def test_a_stack_of_titled_divisions_before_a_lone_article_number_pairs_too():
    text = "第五章\n第一节\n\n法律责任\n行政处罚\n\n第三十条\n\n违反本条例规定的，由有关部门责令改正。\n"
    doc = build(text)
    assert reading(doc, printed=True) == [
        "第五章\u3000法律责任",
        "第一节\u3000行政处罚",
        "第三十条\u3000违反本条例规定的，由有关部门责令改正。",
    ]


def test_a_stack_that_does_not_pair_clearly_keeps_its_lines_in_order():
    def squeezed(texts):
        return "".join("".join(t.split()) for t in texts)

    texts = [
        # two articles stacked (two one-line articles side by side): whose line is whose is unclear
        "第九条\n第十条\n\n本条例所称以上，包括本数。\n本条例由省人民政府负责解释。\n",
        # one title line more than the stack's titled numbers
        "第二章\n第十一条\n\n总\n纲\n\n国家保护水资源。\n",
        # an article number above a chapter number: no column of numbers reads so
        "第十二条\n第三章\n\n附则\n\n本条例自公布之日起施行。\n",
    ]
    for text in texts:
        assert squeezed(reading(build(text), printed=True)) == squeezed([text]), text


# -- furniture: a page's first line that carries a section number is text --------------------


def test_a_part_heading_or_numbered_paragraph_opening_a_page_is_no_running_head():
    body = "为了惩罚犯罪，保护人民，根据宪法，结合我国同犯罪作斗争的具体经验及实际情况，\n制定本法。\n"
    text = (
        "第一编　总则\n\n第一章　任务\n\n第一条　" + body + "\n3\n\f"
        "1.做好职业暴露风险较高的人群、有在境外感染风险的人\n群接种工作，为其提供健康保护。\n\n4\n\f"
    )
    doc = build(text)
    texts = reading(doc)
    assert texts[0] == "第一编\u3000总则" and doc.blocks[0].heading is not None
    assert any(t.startswith("1.做好职业暴露风险较高的人群、有在境外感染风险的人群接种工作") for t in texts)
