"""The reading pipeline: bytes → text → layout → reflow → structure → figures."""
