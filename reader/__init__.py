"""reader: a terminal reader that repairs OCR'd and extracted text."""

__version__ = "0.1.0"
