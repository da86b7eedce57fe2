"""OutlinePane: the section tree (number + title), following the shared location."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.model.document import Document, Section


class OutlinePane(Tree[str]):
    """The document's sections; choosing one posts ``OutlinePane.Chosen``."""

    DEFAULT_CSS = """
    OutlinePane { width: 32; border-right: solid $primary-background; background: $panel; overflow-x: hidden; }
    """
    BINDINGS = [Binding("enter", "select_cursor", "Go to", show=False)]

    class Chosen(Message):
        """The user chose a section to read."""

        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Outline", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._section_nodes: dict[str, TreeNode[str]] = {}
        self._current: str | None = None

    def set_document(self, doc: Document) -> None:
        """Fill the tree from ``doc``'s sections."""
        self.clear()
        self._section_nodes.clear()
        self._doc = doc
        for section in doc.top_sections:
            self._add(self.root, doc, section)
        self.root.expand()

    def _add(self, parent: TreeNode[str], doc: Document, section: Section) -> None:
        """Add a section and its children."""
        label = Text()
        if section.number:
            label.append(section.number + " ", style="bold")
        title = section.title or ("(begun on an earlier page)" if section.implied else "")
        label.append(title, style="dim" if section.implied else "")
        children = doc.children(section)
        if children:
            node = parent.add(label, data=section.key, expand=section.level < 2)
            for child in children:
                self._add(node, doc, child)
        else:
            node = parent.add_leaf(label, data=section.key)
        self._section_nodes[section.key] = node

    def show_section(self, key: str | None) -> None:
        """Highlight the current section (expanding its parents) without posting a choice."""
        if key == self._current or key is None or key not in self._section_nodes:
            return
        self._current = key
        node = self._section_nodes[key]
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.move_cursor(node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        """Turn a tree selection into a section choice."""
        event.stop()
        if event.node.data:
            self._current = event.node.data
            self.post_message(self.Chosen(event.node.data))
