"""Conventions of text extractors (pdftotext, pdfminer) on papers and standards: a heading's number
set on a line of its own, a chapter opening a page with the work's title."""

from __future__ import annotations

from reader.pipeline.build import build_document

BODY = (
    "The National Institute of Standards and Technology (NIST) developed this document in\n"
    "furtherance of its statutory responsibilities under the Federal Information Security\n"
    "Management Act (FISMA) of 2002, Public Law 107-347.\n"
)
PAGES = [
    "The NIST Definition of Cloud Computing\n\nRecommendations of the National Institute of Standards\n\n" + BODY,
    "1.\n\nIntroduction\n\n1.1\n\nAuthority\n\n" + BODY + "1.2\n\nPurpose and Scope\n\n" + BODY + "\n1\n",
    "The NIST Definition of Cloud Computing\n\n" + BODY + "\n2\n",
    "2.\n\nThe NIST Definition of Cloud Computing\n\n" + BODY + "\n3\n",
]


def test_section_numbers_set_apart_by_the_extractor_make_the_outline():
    doc = build_document("\f".join(PAGES).encode(), "sp800-145.txt", dictionary=False)
    numbered = [(s.number, s.title) for s in doc.sections if s.number]
    assert numbered == [
        ("1", "Introduction"),
        ("1.1", "Authority"),
        ("1.2", "Purpose and Scope"),
        ("2", "The NIST Definition of Cloud Computing"),
    ]

