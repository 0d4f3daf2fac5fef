"""Generate N distinct, realistic documents from the seeds, so that extraction does real work on
each: new Kamerstuk numbers and dates, other fracties, other motion sponsors, other EU instruments,
and question/answer blocks recombined from several seeds.

Usage: python bench/corpus.py N OUT_DIR [--seed S]
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FRACTIES = ["VVD", "D66", "PVV", "SP", "CDA", "ChristenUnie", "SGP", "Volt", "NSC", "BBB", "PvdD", "JA21", "DENK"]
SPONSORS = ["Brekelmans", "Eerdmans", "Keijzer", "Veldkamp", "Piri", "Kröger", "Boomsma", "Rajkowski", "Ceder",
            "Van Dijk", "De Vries", "Jansen", "Bisschop", "Van der Staaij", "Omtzigt", "Podt", "Dassen", "Koekkoek"]
INSTRUMENTS = ["Dublinverordening", "Terugkeerrichtlijn", "Opvangrichtlijn", "Schengengrenscode", "Visumcode",
               "Screeningsverordening", "Eurodac-verordening", "Asielprocedureverordening", "Richtlijn Tijdelijke Bescherming",
               "Verordening (EU) 2019/1896", "Richtlijn 2004/82/EG", "COM(2023) 755 final"]
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()
KAMERSTUK = re.compile(r"(\d{2}) ?(\d{3})(?P<suffix>(?:-\d{1,3})?(?: [IVX]+)?),? (nr\.?|nrs\.) ?(\d{1,4})")
FRACTIE = re.compile(r"\b(VVD|D66|PVV|SP|SGP|Volt|NSC)(?=-fractie|\b)")
DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (20\d\d)\b")
MOTION = re.compile(r"(motie (?:van het lid |van de leden )?)(Brekelmans|Eerdmans|Keijzer|Veldkamp|Kröger|Boomsma|Ceder)")
INSTRUMENT = re.compile("|".join(re.escape(i) for i in INSTRUMENTS[:6]))
ANSWER = re.compile(r"\n\s*(?:#+ )?\**Antwoord:?\**\s*\n")


def blocks(text: str) -> list[str]:
    """A seed's text cut into question/answer blocks (each ends after an answer)."""
    parts, last = [], 0
    for match in ANSWER.finditer(text):
        following = text.find("\n\n", match.end() + 1)
        end = len(text) if following < 0 else following
        parts.append(text[last:end])
        last = end
    parts.append(text[last:])
    return parts


def vary(text: str, rng: random.Random) -> str:
    fractie_map = dict(zip(["VVD", "D66", "PVV", "SP", "SGP", "Volt", "NSC"], rng.sample(FRACTIES, 7)))
    text = FRACTIE.sub(lambda m: fractie_map[m.group(1)], text)
    text = KAMERSTUK.sub(lambda m: f"{rng.randint(19, 36)} {rng.randint(100, 999)}{m.group('suffix')}, {m.group(4)} {rng.randint(1, 3500)}", text)
    shift = rng.randint(-6, 3)
    text = DATE.sub(lambda m: f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {int(m.group(3)) + shift}", text)
    text = MOTION.sub(lambda m: m.group(1) + rng.choice(SPONSORS), text)
    text = INSTRUMENT.sub(lambda m: rng.choice(INSTRUMENTS), text)
    return text


def generate(count: int, out: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    qa_blocks = [blocks(text) for text in seeds]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        base = rng.randrange(len(seeds))
        parts = qa_blocks[base]
        if len(parts) > 3:
            # Keep the head of this seed, then a recombination of answered blocks from the Q/A seeds.
            pool = [b for i, p in enumerate(qa_blocks) if len(p) > 3 for b in p[1:-1]]
            body = [parts[0], *rng.sample(pool, k=min(len(pool), rng.randint(8, 30))), parts[-1]]
            text = "\n\n".join(body)
        else:
            text = seeds[base]
        path = out / f"gen_{number:05d}.txt"
        path.write_text(vary(text, rng), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    written = generate(args.count, args.out, args.seed)
    print(f"wrote {len(written)} documents, {sum(p.stat().st_size for p in written) / 1e6:.1f} MB, to {args.out}")
