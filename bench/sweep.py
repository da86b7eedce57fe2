"""The generated-layout sweep: ``python -m bench.sweep [--layouts N] [--seed S]``.

Lays the test texts (a Chinese report, a school report) out as OCR'd or extracted newspaper columns
at random widths, column lengths, joiners, break chances and furniture (``tests/generator.py``),
builds each, and prints the paragraph-start F1 per text and on average (the newspaper path's
guard: the average should stay at or above 0.988), with the worst layouts.
"""

from __future__ import annotations

import argparse
import random
import sys

from reader.pipeline.build import build_document
from tests.generator import lay_out_cjk
from tests.gold import doc_starts, f1, paragraph_starts
from tests.texts import RIVER_CITY, SCHOOL_REPORT

TEXTS = {"report": RIVER_CITY, "school": SCHOOL_REPORT}


def layouts(count: int, seed: int) -> list[tuple[float, int, str, int, float, bool]]:
    """``count`` random layouts: column ems, lines per column, joiner, seed, break chance, running head."""
    rng = random.Random(seed)
    return [
        (
            rng.randint(11, 32),
            rng.randint(5, 40),
            rng.choice((" ", "\n")),
            rng.randrange(10_000),
            rng.choice((0.0, 0.3, 0.5, 0.8, 1.0)),
            rng.random() < 0.5,
        )
        for _ in range(count)
    ]


def main(argv: list[str] | None = None) -> int:
    """Build every generated layout and print the F1 figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.sweep", description=__doc__)
    parser.add_argument("--layouts", type=int, default=60, help="layouts per text")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    scores: list[tuple[float, str]] = []
    for name, blocks in TEXTS.items():
        mine: list[float] = []
        for column, lines, joiner, seed, chance, head in layouts(args.layouts, args.seed):
            laid = lay_out_cjk(
                blocks, column, lines, joiner, seed, running_head="政府工作报告" if head else None, break_chance=chance
            )
            doc = build_document(laid.text.encode("utf-8"), "sweep.txt")
            gold = [t for k, t in laid.blocks if k != "furniture"]
            score = f1(doc_starts(doc), paragraph_starts(gold))
            mine.append(score)
            scores.append(
                (
                    score,
                    f"{name} column={column} lines={lines} joiner={joiner!r} seed={seed} chance={chance} head={head}",
                )
            )
        print(f"{name:<8} layouts {len(mine):>4}  average F1 {sum(mine) / len(mine):.4f}  min {min(mine):.3f}")
    average = sum(s for s, _ in scores) / len(scores)
    print(f"{'all':<8} layouts {len(scores):>4}  average F1 {average:.4f}")
    for score, what in sorted(scores)[:5]:
        print(f"  worst {score:.3f}  {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
