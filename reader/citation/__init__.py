"""Citations: metadata as CSL items, CSL formatting, exports for reference managers, the quote log."""

from reader.citation.format import Cited, format_citation
from reader.citation.items import Item, item_of
from reader.citation.place import Locator, Place, locator_of, place_of

__all__ = ["Cited", "Item", "Locator", "Place", "format_citation", "item_of", "locator_of", "place_of"]
