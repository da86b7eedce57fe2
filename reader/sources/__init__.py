"""Sources: one adapter per input format, each turning bytes into the one layout type."""
