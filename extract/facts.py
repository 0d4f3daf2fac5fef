"""Pipeline components that run the extractors over every part and link what they find.

The extractors (references, motions, eu, commitments, claims) are pure functions over one text;
here they are applied to each question, answer, passage and footnote, and their findings are
linked: a motion mention to its number (from the mention, its footnote, the question an answer
answers, or elsewhere in the document), a claim to the motions or commitments it is about, a
referring answer to the answer it refers to.
"""
from __future__ import annotations

import re

from . import eu, fracties
from .claims import claims
from .commitments import commitments
from .document import Document, Fact, Part
from .motions import motion_mentions, sponsor_key
from .references import kamerstuk_references, parliamentary_references
from .sentences import sentence_at

TEXT_PARTS = ("question", "answer", "passage", "footnote", "consideration", "dictum")
STATEMENT_PARTS = ("answer", "passage", "footnote")  # where the government speaks
# In a plenary record only the government's turns promise anything; there a "zal" is a toezegging.
GOVERNMENT_SPEAKER = re.compile(r"^(?:De |Het )?(?:minister|staatssecretaris|minister-president|viceminister-president)\b", re.I)
MARKER_REACH = 4  # characters between a mention and its footnote marker


def extract_mentions(doc: Document) -> None:
    """Pipeline component: Kamerstuk and parliamentary references, motions, EU instruments."""
    date = doc.reference_date  # once: it may scan the whole text
    parts = [part for part in doc.parts if part.kind in TEXT_PARTS]
    instruments = eu.candidates([part.text for part in parts], date)
    for part in parts:
        text = part.text
        for found in kamerstuk_references(text):
            if found.data["identifier"] != doc.kamerstuk:  # its own number (colophon, page foot) is no citation
                part.fact(doc, "kamerstuk", found.start, found.end, **found.data)
        for found in parliamentary_references(text):
            part.fact(doc, "reference", found.start, found.end, reference_kind=found.kind, **found.data)
        seen = set()
        for found in eu.eu_instruments(text, date, _citing_text(doc, part), instruments):
            key = (found.data["key"], found.start)
            if key not in seen:
                seen.add(key)
                part.fact(doc, "eu-instrument", found.start, found.end, **found.data)
        for found in motion_mentions(text):
            part.fact(doc, "motion", found.start, found.end, **found.data)


def _citing_text(doc: Document, part: Part) -> str:
    """For a footnote: the sentences that carry its marker."""
    if part.kind != "footnote":
        return ""
    citing = []
    for other in doc.parts:
        for marker in other.joined.markers if other.kind != "footnote" else []:
            if marker.number == part.footnote:
                start, end = sentence_at(other.text, max(0, marker.position - 1))
                citing.append(other.text[start:end])
    return " ".join(citing)


def extract_statements(doc: Document) -> None:
    """Pipeline component: commitments and fulfilment claims in what the government says."""
    for part in doc.parts:
        if part.kind not in STATEMENT_PARTS:
            continue
        debate = doc.kind == "handelingen"
        if debate and not GOVERNMENT_SPEAKER.match(part.speaker):
            continue
        kept = []
        for found in claims(part.text):
            part.fact(doc, "claim", found.start, found.end, **found.data)
            if found.data["claim_type"] == "fulfils" and found.data["target"] == "commitment":
                kept.append((found.start, found.end))
        for found in commitments(part.text, doc.date, debate):
            # A sentence saying a promise is kept ("heb ik toegezegd dat ik in deze brief …") does not make it anew.
            if not any(start <= found.start < end for start, end in kept):
                part.fact(doc, "commitment", found.start, found.end, **found.data)


# -- linking ---------------------------------------------------------------------------------

def _footnotes(doc: Document) -> dict[int, Part]:
    return {p.footnote: p for p in doc.parts if p.kind == "footnote"}


def _markers_in(part: Part, start: int, end: int) -> list[int]:
    return [m.number for m in part.joined.markers if start <= m.position <= end]


def _known_numbers(facts: list[Fact], key: str, cs: bool) -> set[str]:
    numbers = set()
    for fact in facts:
        if fact.kind != "motion" or not fact.data.get("kamerstuk"):
            continue
        other = sponsor_key(fact.data["sponsors"])
        if other == key or (cs and set(key.split("+")) <= set(other.split("+"))):
            numbers.add(fact.data["kamerstuk"])
    return numbers


def link_motions(doc: Document) -> None:
    """Give number-less motion mentions the number the context gives, most specific first: the
    footnote marked right after the mention or in its sentence, the same part, the question an
    answer answers, the rest of the document. Ambiguous contexts (two motions Brekelmans) leave
    the mention number-less. Only the document itself is read, so that its graph is the same
    whatever else is in the store; numbers known from other documents are linked after each
    build, over the whole store (graph.store.KnowledgeStore.derive)."""
    # A mention resolved through its footnote can in turn resolve an earlier one: repeat.
    while _resolve_motion_numbers(doc):
        pass
    for part in doc.parts:
        for fact in part.facts_of("motion"):
            fact.data["key"] = fact.data.get("kamerstuk") or "s-" + sponsor_key(fact.data["sponsors"])


def _resolve_motion_numbers(doc: Document) -> bool:
    notes = _footnotes(doc)
    all_facts = [f for p in doc.parts for f in p.facts]
    changed = False
    for part in doc.parts:
        for fact in part.facts_of("motion"):
            if fact.data.get("kamerstuk"):
                continue
            key = sponsor_key(fact.data["sponsors"])
            cs = fact.data.get("cs", False)
            s_start, s_end = sentence_at(part.text, fact.start)
            near = _markers_in(part, fact.end, fact.end + MARKER_REACH) or _markers_in(part, s_start, s_end)
            contexts = []
            for number in near:
                if number in notes:
                    note = notes[number]
                    refs = note.facts_of("kamerstuk")
                    contexts.append(note.facts_of("motion") or [
                        Fact("motion", f.span, f.start, f.end, {"sponsors": fact.data["sponsors"], "kamerstuk": f.data["identifier"]})
                        for f in refs[:1] if len(refs) == 1
                    ])
            contexts.append(part.facts)
            if part.kind == "answer" and part.answers is not None:
                contexts.append(part.answers.facts)
            contexts.append(all_facts)
            for facts in contexts:
                numbers = _known_numbers(facts, key, cs)
                if len(numbers) == 1:
                    fact.data["kamerstuk"] = numbers.pop()
                    fact.data["resolved"] = changed = True
                    break
                if len(numbers) > 1:
                    break  # ambiguous here: a wider context will not make it less so
    return changed


def link_claims(doc: Document) -> None:
    """Pipeline component: each claim → its targets (motions by key, commitments by reference)."""
    notes = _footnotes(doc)
    for part in doc.parts:
        for claim in part.facts_of("claim"):
            wanted = claim.data["target"]
            in_sentence = [f for f in part.facts if claim.start <= f.start < claim.end]
            footnote_facts = [f for n in _markers_in(part, claim.start, claim.end + MARKER_REACH) if n in notes
                              for f in notes[n].facts]
            motions = [f for f in in_sentence if f.kind == "motion"]
            if wanted in ("motion", "any") and not motions:
                motions = [f for f in footnote_facts if f.kind == "motion"]
            if wanted == "motion" and not motions:
                motions = _antecedent_motion(part, claim.start)
            debates = [f for f in in_sentence + footnote_facts if f.kind == "reference" and f.data["reference_kind"] == "commissiedebat"]
            targets = []
            if wanted in ("motion", "any"):
                targets += [("motion", m.data["key"]) for m in motions]
            if wanted == "commitment" or (wanted == "any" and re.search(r"\btoezegging", part.text[claim.start:claim.end], re.I)):
                keys = [f"debat-{d.data['key']}" for d in debates] or [f"{doc.identifier}-claim-{claim.start}"]
                if wanted == "any":
                    keys = [f"debat-{d.data['key']}" for d in debates]
                targets += [("commitment", k) for k in keys]
            claim.data["targets"] = list(dict.fromkeys(targets))


def _antecedent_motion(part: Part, position: int) -> list[Fact]:
    """"deze motie" / "de motie" refers to the last motion named before it (or in the question)."""
    before = [f for f in part.facts_of("motion") if f.end <= position]
    if before:
        return before[-1:]
    if part.kind == "answer" and part.answers is not None:
        named = part.answers.facts_of("motion")
        return named[-1:] if len({f.data["key"] for f in named}) == 1 else []
    return []


def link_commitments(doc: Document) -> None:
    """Pipeline component: a commitment in an answer responds to that answer's question."""
    for part in doc.parts_of("answer"):
        for fact in part.facts_of("commitment"):
            fact.data["in_response_to"] = part.answers


REFERRAL = re.compile(
    r"\bverwijs?t?\b[^.]{0,80}?\bnaar (?:het|de) antwoord(?:en)? op (?:de |een )?(?:gelijke )?(?:\(deel\))?vra(?:ag|gen) "
    r"van (?:de leden van )?de (?P<names>[\w/ -]+?)[- ]?fractie", re.IGNORECASE)
WORD = re.compile(r"[a-zà-ÿ]{5,}")


def link_answers(doc: Document) -> None:
    """Pipeline component: an answer that refers to the answer given to another fractie on the same
    subject → that answer (most words shared between the two questions); identical answers to
    several fracties are linked as repeats."""
    answers = doc.parts_of("answer")
    for answer in answers:
        for match in REFERRAL.finditer(answer.text):
            slugs = set(fracties.parse(match.group("names")))
            candidates = [a for a in answers if a is not answer and slugs and set(a.answers.fracties) == slugs]
            if not candidates:
                continue
            words = set(WORD.findall(answer.answers.text.lower()))
            best = max(candidates, key=lambda a: len(words & set(WORD.findall(a.answers.text.lower()))))
            answer.fact(doc, "crossref", match.start(), match.end(), target=best)
    by_text: dict[str, list[Part]] = {}
    for answer in answers:
        normal = " ".join(answer.text.split())
        if len(normal) >= 80:
            by_text.setdefault(normal, []).append(answer)
    for group in by_text.values():
        for answer in group[1:]:
            answer.fact(doc, "repeat", 0, len(answer.text), target=group[0])
