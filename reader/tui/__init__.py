"""The Textual user interface: app, screens and widgets over the document model."""
