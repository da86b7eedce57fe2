"""The key table (the help screen and the README check) and the command palette's entries."""

from __future__ import annotations

KEYS: tuple[tuple[str, str], ...] = (
    ("q", "quit"),
    ("Tab / Shift+Tab", "move focus between panes"),
    ("j / k", "next / previous paragraph (in a selection: move its end by its unit)"),
    ("↓ ↑ PgDn PgUp Space b", "scroll by line or page"),
    ("g / G, Home / End", "start / end of the document"),
    ("] / [", "next / previous section"),
    (
        ":",
        "go to section: 2.3, 2.3.1, 二(三), (三) (within the current chapter), 2.3:4 (4th paragraph of 2.3), "
        "a title prefix, or a page: p2, page 2, 第2版; Tab completes",
    ),
    ("/", "incremental search; n / N next / previous match"),
    (
        "y",
        "copy the paragraph (or the selection) as a quote with its citation; it is also added to the quote log; "
        "Ctrl+C copies a selection too",
    ),
    (
        "v",
        "select the paragraph; v again: its first sentence, then word, then character (j / k move the end by "
        "that unit, across paragraphs); v again: stop",
    ),
    ("h / l, ← / →", "in a selection: move its end by a character"),
    ("w / b", "in a selection: move its end by a word (jieba's words in Chinese)"),
    ("( / )", "in a selection: move its end by a sentence"),
    ("o (in a selection)", "move the selection's other end from now on"),
    ("mouse drag", "select any span of the text pane; y or Ctrl+C copies it with its citation"),
    (
        "Y",
        "choose the citation style: plain, Markdown, GB/T 7714-2025/2015, APA 7, Chicago, MLA, IEEE … "
        "or any installed CSL style by id",
    ),
    ("p", "show the text exactly as printed, or repaired for reading (remembered per document)"),
    ("m / '", "toggle a bookmark / list bookmarks"),
    ("o / f", "show or hide the outline / figures pane"),
    ("a (figures pane)", "this section's figures or all figures"),
    ("Enter (outline, figures)", "go to the section / figure"),
    ("c (figures pane)", "copy the figure with its citation (logged as well)"),
    ("s (figures pane)", "figures in section order or by label"),
    ("t (figures pane)", "all figures, only targets, only outcomes"),
    ("Escape", "leave the selection"),
    ("?", "this help"),
    ("Ctrl+P", "command palette (every action by name)"),
)

PALETTE: tuple[tuple[str, str, str], ...] = (
    ("Go to section", "Jump to 2.3, 二(三), 2.3:4, a title or a page (:)", "goto"),
    ("Search", "Incremental search (/)", "search"),
    ("Copy quote", "Copy the paragraph or the selection with its citation (y)", "yank"),
    ("Citation style", "GB/T 7714, APA, Chicago, MLA … any CSL style (Y)", "choose_style"),
    ("Bookmark", "Toggle a bookmark here (m)", "bookmark"),
    ("Bookmarks", "List bookmarks (')", "bookmarks"),
    ("Toggle outline", "Show or hide the outline (o)", "toggle_pane('outline')"),
    ("Toggle figures", "Show or hide the figures (f)", "toggle_pane('figures')"),
    ("Select", "Select a span: paragraphs, sentences, words, characters (v)", "visual"),
    ("Show as printed", "The text exactly as printed, or repaired (p)", "toggle_printed"),
    ("Next section", "(])", "section(1)"),
    ("Previous section", "([)", "section(-1)"),
    ("Show last quote", "The last quote copied", "show_last_quote"),
    ("Quote log", "Every quote copied from this document, with citations", "quote_log"),
    ("Help", "The key table (?)", "help"),
)
"""The command palette's entries: title, what it does, the reading screen's action."""
