"""The outline: the section tree with the document's own labels (``二、``, ``(三)``, ``第三章``) and
the canonical numbers beside them, following the screen's location; under it, the whole title of
the highlighted entry when the pane cuts it."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.model.document import Document, Section
from reader.tui.location import Location, follow_location

FILL_BATCH = 250  # entries added per turn of the event loop


class OutlinePane(Tree[str]):
    """The document's sections, the current one highlighted; choosing one posts ``OutlinePane.Chosen``."""

    DEFAULT_CSS = """
    OutlinePane { background: $panel; overflow-x: hidden; height: 1fr; }
    """
    BINDINGS = [Binding("enter", "select_cursor", "Go to", show=False)]

    class Chosen(Message):
        """The user chose a section to read."""

        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    class Shown(Message):
        """The highlight was put on the current section (the tree's own ``NodeHighlighted`` is not
        sent when its lines are numbered again under an unmoved cursor)."""

    location: var[Location] = var(Location())
    """Where the reader is (bound from the screen): its section is highlighted."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Outline", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._section_nodes: dict[str, TreeNode[str]] = {}
        self._deferred: dict[str, Section] = {}  # collapsed entries whose children are not added yet
        self._current: str | None = None
        self._wanted: str | None = None
        self.doc: Document | None = None  # the document whose sections are shown
        self._stack: list[tuple[TreeNode[str], Section]] = []

    def watch_location(self, location: Location) -> None:
        """Follow the location: a new document is shown a frame after the text (which comes
        first), then the current section is highlighted."""
        follow_location(self, location)

    def show_location(self, location: Location) -> None:
        """Highlight the innermost section holding the location's block."""
        doc = location.doc
        if doc is None or not doc.blocks:
            return
        inner = doc.section_at(min(location.block, len(doc.blocks) - 1))
        self.show_section(inner.key if inner else None)

    def set_document(self, doc: Document) -> None:
        """Fill the tree from ``doc``'s sections. A long report has thousands of entries, so they
        are added a batch per turn of the event loop (keys keep working meanwhile), and the
        children of a collapsed entry only when it is expanded or one of them becomes current."""
        self.clear()
        self._section_nodes.clear()
        self._deferred.clear()
        self.doc = doc
        self._current = None
        self._stack = [(self.root, s) for s in reversed(doc.top_sections)]
        self._fill(doc)
        self.root.expand()

    @property
    def filling(self) -> bool:
        """True while entries are still being added."""
        return bool(self._stack)

    def _fill(self, doc: Document) -> None:
        """Add up to FILL_BATCH entries in document order, then let other work run."""
        if doc is not self.doc:
            return  # a newer document replaced this one
        for _ in range(FILL_BATCH):
            if not self._stack:
                break
            parent, section = self._stack.pop()
            self._stack.extend(self._add(parent, doc, section))
        if self._wanted is not None:
            self.show_section(self._wanted)
        if self._stack:
            self.call_later(self._fill, doc)

    def _add(self, parent: TreeNode[str], doc: Document, section: Section) -> list[tuple[TreeNode[str], Section]]:
        """Add one section's entry; return its children to add next (none when it is collapsed)."""
        label = entry_label(section)
        expanded = section.level < 2
        if not section.children:
            self._section_nodes[section.key] = parent.add_leaf(label, data=section.key)
            return []
        node = parent.add(label, data=section.key, expand=expanded, allow_expand=True)
        self._section_nodes[section.key] = node
        if not expanded:
            self._deferred[section.key] = section
            return []
        return [(node, child) for child in reversed(doc.children(section))]

    def _add_deferred(self, key: str) -> None:
        """Add the children of a collapsed entry (and, for any of them expanded, theirs)."""
        section = self._deferred.pop(key, None)
        if section is None or self.doc is None:
            return
        doc, node = self.doc, self._section_nodes[key]
        pending = [(node, child) for child in reversed(doc.children(section))]
        while pending:
            parent, child = pending.pop()
            pending.extend(self._add(parent, doc, child))

    def get_label_width(self, node: TreeNode[str]) -> int:
        """A label's width without rendering it (the tree asks for every line's after each batch)."""
        label = node.label  # (a Text: the tree turns every label into one)
        width = label.cell_len if isinstance(label, Text) else cell_len(label)
        return width + (cell_len(self.ICON_NODE) if node.allow_expand else 0)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        """An entry opened: add its children if they are not there yet."""
        if event.node.data in self._deferred:
            self._add_deferred(event.node.data)

    def show_section(self, key: str | None) -> None:
        """Highlight the current section (expanding its parents) without posting a choice."""
        changed = False
        if key is not None and key not in self._section_nodes and self.doc is not None:
            section = self.doc.section(key)
            for ancestor in self.doc.ancestors(section)[:-1] if section else []:
                if ancestor.key in self._deferred:
                    self._add_deferred(ancestor.key)
                    changed = True
        if key is not None and key not in self._section_nodes:
            self._wanted = key  # not added yet: highlighted when it is
            return
        self._wanted = None
        if key == self._current or key is None:
            return
        self._current = key
        node = self._section_nodes[key]
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:
                parent.expand()  # (expanding an open entry would still re-lay the whole tree out)
                changed = True
            parent = parent.parent
        if changed:  # the tree numbers its lines again at the next refresh
            self.call_after_refresh(self._move_to, key)
        else:
            self.move_cursor(node)
            self.post_message(self.Shown())

    def _move_to(self, key: str) -> None:
        """Put the tree's cursor on ``key``'s entry, if that is still the current section."""
        if key == self._current and key in self._section_nodes:
            self.move_cursor(self._section_nodes[key])
            self.post_message(self.Shown())

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """Turn a tree selection into a section choice."""
        event.stop()
        if event.node.data:
            self._current = event.node.data
            self.post_message(self.Chosen(event.node.data))


def entry_label(section: Section) -> Text:
    """An outline entry: the canonical number (dim where the document prints another label), the
    printed label and the title, e.g. ``2.3 (三)坚持统筹协调…``."""
    label = Text()
    printed = (section.label or "").strip()
    number = section.number or ""
    title = section.title or ("(begun on an earlier page)" if section.implied else "")
    if printed:
        if number and printed.rstrip("、.．:：") != number:
            label.append(number + " ", style="dim")
        label.append(printed, style="bold")
        label.append(section.label_gap)
    elif number:
        label.append(number + " ", style="bold")
    label.append(title, style="dim" if section.implied else "")
    return label


class WholeTitle(Widget):
    """A few lines for an entry's whole title (repainted, never laid out again: its size is fixed)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def show(self, text: Text) -> None:
        """Show ``text``."""
        self._text = text
        self.refresh()

    def render(self) -> Text:
        """The title, wrapped to the width."""
        return self._text


class Outline(Vertical):
    """The outline pane, and under it the whole title of its highlighted entry (the tree cuts long
    ones at the pane's edge). The title's room is fixed: the tree's height never changes with it
    (a tree of thousands of entries numbers all its lines again when it does)."""

    DEFAULT_CSS = """
    Outline { width: 32; border-right: solid $primary-background; background: $panel; }
    Outline > #outline-title { height: 3; padding: 0 1; color: $text-muted; border-top: solid $primary-background; }
    """

    def __init__(self, entries: OutlinePane, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries = entries
        self.whole = WholeTitle(id="outline-title")
        self._shown: str | None = None  # the section whose title is shown

    def compose(self) -> ComposeResult:
        """The tree, then the room for the highlighted entry's whole title."""
        yield self.entries
        yield self.whole

    def on_tree_node_highlighted(self, message: Tree.NodeHighlighted[str]) -> None:
        """The reader moved the highlight: show its whole title."""
        self.call_after_refresh(self._show_whole)

    def on_outline_pane_shown(self, message: OutlinePane.Shown) -> None:
        """The highlight followed the location: show its whole title."""
        self.call_after_refresh(self._show_whole)

    def _show_whole(self) -> None:
        """Show the highlighted entry's whole label (redrawn only when it is another entry's)."""
        node = self.entries.cursor_node
        key = node.data if node is not None else None
        if key == self._shown:
            return
        self._shown = key
        label = node.label if node is not None else ""
        self.whole.show(label if isinstance(label, Text) else Text(label))

    @property
    def cut(self) -> bool:
        """True when the tree cuts the highlighted entry at the pane's edge."""
        node = self.entries.cursor_node
        if node is None:
            return False
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        width = self.entries.guide_depth * depth + self.entries.get_label_width(node)
        return width > self.entries.scrollable_content_region.width
