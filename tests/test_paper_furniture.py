"""Page furniture of extracted papers and reports: stacked at the page's head, or a long slug line."""

from __future__ import annotations

from reader.pipeline.build import build_document

BODIES = [
    "The committee met three times during the year and reviewed every report that reached it.\n"
    "Its members agreed that the rules should stay as they are until the next review.\n",
    "The committee met its budget, and the accounts show a small surplus carried forward.\n"
    "A fuller statement of the accounts follows in the annex to this report.\n",
    "The committee met the auditors twice; they found the books in good order.\n"
    "Their letter is printed in full at the end of the report for members to read.\n",
    "The committee met again in the autumn to plan the work of the coming year.\n"
    "Its plan sets out three aims, each with a named member who answers for it.\n",
]


def test_furniture_stacked_at_the_head_of_each_page_is_all_lifted():
    pages = [
        f"Page {n} of 40\n\nAnnual Report of the Committee\n\n9:15 - {n}-JAN-2008\n\n"
        "Printer's note: the rule above appears on proofs only and is taken off before the run\n\n" + BODIES[n - 2]
        for n in range(2, 6)
    ]
    doc = build_document("\f".join(pages).encode(), "report.txt", dictionary=False)
    reading = [b.text for b in doc.blocks if b.kind != "furniture"]
    assert not any("Printer's note" in t for t in reading)
    assert sum("The committee met" in t for t in reading) == 4


def test_a_long_slug_line_repeated_on_every_page_is_furniture():
    slug = "Proof {n}  10:21 Mar 05, 2020 Job 250001 PO 00000 Frm 0000{n} Fmt 4702 Sfmt 4702 X:\\Y\\Z\\05MRP{n}.SGM 05MRP{n}"
    pages = [BODIES[n] + "\n" + slug.format(n=n) + "\n\n" + BODIES[n - 1] for n in range(1, 4)]
    doc = build_document("\f".join(pages).encode(), "register.txt", dictionary=False)
    assert not any("Sfmt" in b.text for b in doc.blocks if b.kind != "furniture")
    assert sum("The committee met" in b.text for b in doc.blocks) == 6


def test_a_word_set_upright_in_the_margin_read_a_letter_per_line_is_furniture():
    stamp = "\n".join("PROPOSALS") + "\n"
    pages = [BODIES[n] + "\n" + stamp + "\n" + BODIES[n + 1] for n in range(2)]
    doc = build_document("\f".join(pages).encode(), "register.txt", dictionary=False)
    reading = [b.text for b in doc.blocks if b.kind != "furniture"]
    assert not any(t in ("P", "R", "O") or "P R O" in t for t in reading)
    assert sum("The committee met" in t for t in reading) == 4
