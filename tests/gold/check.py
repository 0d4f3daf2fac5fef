"""Check that every quote of tests/gold/corpus/*.json occurs in its source, in order.

    python -m tests.gold.check [gold files…]      # all corpus gold when none are given
    python -m tests.gold.check --text FILE         # the text quotes refer to (for .pdf / .doc)

Uses the reader only to get the document's text; it runs no extractor.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kamergraaf.evaluate import locate
from kamergraaf.extract.readers import read_document

QUOTED = {"motion_texts": ["dictum_start"], "votes": ["quote"], "qa_pairs": ["question_start", "answer_start", "answer_end"],
          "questions": ["question_start"], "kamerstuk_refs": ["quote"], "other_refs": ["quote"], "motions": ["quote"],
          "eu_instruments": ["quote"], "commitments": ["sentence"], "fulfilment_claims": ["sentence"], "members": ["quote"]}
OPTIONAL = {"members"}  # annotated in some documents only
FIELDS = ["source", "kind", "layout", "partial", "kamerstuk", "date", "notes", *(f for f in QUOTED if f not in OPTIONAL)]


def check(gold_file: Path) -> list[str]:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    problems = [f"missing field {name!r}" for name in FIELDS if name not in gold]
    text = read_document(gold["source"]).source
    for field, keys in QUOTED.items():
        for item in gold.get(field) or []:
            for key in keys:
                quote = item.get(key)
                if quote is None:
                    continue
                try:
                    locate(text, quote)
                except LookupError:
                    problems.append(f"{field}.{key} not found: {quote[:70]!r}")
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["--text"]:
        print(read_document(argv[1]).source)
        return 0
    files = [Path(a) for a in argv] or sorted(Path("tests/gold/corpus").glob("*.json"))
    failed = 0
    for gold_file in files:
        problems = check(gold_file)
        failed += bool(problems)
        for problem in problems:
            print(f"{gold_file}: {problem}")
    print(f"{len(files) - failed} of {len(files)} gold files check out")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
