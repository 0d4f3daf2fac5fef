"""Segmentation: question blocks and answers, letter passages, footnotes, motion paragraphs.

One question block is the consecutive paragraphs of one fractie's questions that one "Antwoord"
answers; a fractie heading with no questions after it (a table of contents) yields nothing.
"""
from __future__ import annotations

import re

from . import fracties
from .document import Document, Part
from .metadata import SPEAKER
from .text import Block, FootnoteMarker, join_blocks

FRACTIE_HEADING = re.compile(
    r"^(?:I+\.?\s+)?(?:Vragen en opmerkingen|Inbreng|Vragen) van (?:de leden van )?de\s+"
    r"(?P<names>.+?)(?:[- ]?fracties?)?(?:\s*\t.*|\s+\d{1,3})?$"
)
FRACTIE_OPENING = re.compile(r"^De leden van de (?P<names>[\w/ -]+?)[- ]fracties?\b")
ANSWER_LABEL = re.compile(r"^\W*Antwoord\W*$", re.IGNORECASE)
# Text that a question paragraph has and a continued answer paragraph does not.
# "de motie van de leden Kamminga en Amhaouch" is no cue, hence the look-behind.
QUESTION_CUES = re.compile(r"\?|(?<!van )\b(?:de|deze) leden\b|\bvragen (?:zij|deze leden)\b", re.IGNORECASE)


def _fractie_heading(block: Block) -> list[str] | None:
    if len(block.text) > 140:
        return None
    match = FRACTIE_HEADING.match(block.text)
    if not match:
        return None
    return fracties.parse(match.group("names")) or None


def _is_answer_label(block: Block) -> bool:
    return block.kind in ("label", "heading", "paragraph") and bool(ANSWER_LABEL.match(block.text))


def _part(doc: Document, kind: str, blocks: list[Block], **fields) -> Part:
    joined = join_blocks(blocks)
    ordinal = sum(1 for p in doc.parts if p.kind == kind) + 1
    part = Part(kind=kind, ordinal=ordinal, text=joined.text, span=doc.span(joined.start, joined.end),
                blocks=blocks, joined=joined, **fields)
    doc.parts.append(part)
    return part


def question_answer_blocks(doc: Document) -> None:
    """Pipeline component: Question and Answer parts of a written consultation or Kamervragen."""
    if doc.format == "xml":
        _kamervragen(doc)
        return
    if doc.kind in NUMBERED_KINDS:
        numbered_questions(doc)
        return
    body = doc.body
    first_answers = [body[i + 1] for i, b in enumerate(body[:-1]) if _is_answer_label(b)]
    bold_answers = bool(first_answers) and sum(b.emphasis == "bold" for b in first_answers) >= len(first_answers) / 2

    def continues_answer(block: Block) -> bool:
        if bold_answers and block.emphasis == "bold":
            return True
        if _is_heading(block):
            return False  # a topic heading starts the next questions
        return not QUESTION_CUES.search(block.text)

    asking: list[str] = []
    questions: list[Block] = []
    answer: list[Block] = []
    mode = "outside"

    def close_answer(last: bool = False):
        nonlocal questions, answer
        if questions and answer:
            question = _part(doc, "question", questions, fracties=list(asking))
            _part(doc, "answer", answer, answers=question)
        elif questions and last:
            _part(doc, "question", questions, fracties=list(asking))  # a cut-off copy: asked, not yet answered
        questions, answer = [], []

    for block in body:
        heading = _fractie_heading(block)
        if heading:
            close_answer()
            asking, mode = heading, "question"
            continue
        if _is_answer_label(block):
            if mode == "answer" and answer:
                close_answer()  # an Antwoord without new questions: nothing to pair
            mode = "answer" if questions else "outside"
            continue
        if mode == "answer":
            if not answer or continues_answer(block):
                answer.append(block)
                continue
            close_answer()
            mode = "question"
        if mode == "outside":
            opening = FRACTIE_OPENING.match(block.text)
            names = fracties.parse(opening.group("names")) if opening else []
            if names:
                asking, mode = names, "question"
        if mode == "question" and asking:
            if _is_heading(block):
                continue  # topic headings are not question text
            questions.append(block)
    close_answer(last=True)


NUMBERED_KINDS = ("kamervragen", "antwoord-kamervragen", "lijst-vragen-antwoorden")
# "Vraag 1", "1", "1.", "Antwoord 1", "Antwoord op vraag 1", "Antwoord" on a line of their own;
# "1. Bent u …" / "Vraag 1: Bent u …" opening a paragraph.
QUESTION_MARK = re.compile(r"^(?:Vraag\s+(?P<vraag>\d{1,3})[a-z]?|(?P<bare>\d{1,3}))\s*[.):]?$", re.IGNORECASE)
QUESTION_INLINE = re.compile(r"^(?:Vraag\s+)?(?P<number>\d{1,3})\s*[.):]\s+(?=[A-Z«\"'‘“])")
ANSWER_MARK = re.compile(r"^Antwoord(?:\s+(?:op\s+(?:de\s+)?vra(?:ag|gen)\s+)?(?P<number>\d{1,3})[a-z]?)?\s*[.):]?$", re.IGNORECASE)
QUESTIONS_BY = re.compile(r"\b(?:Interpellatie)?[Vv]ragen (?:van (?:het lid|de leden)|gesteld door)\b")
SITE_END = re.compile(r"^(?:Naar boven|X Noot|Ondertekenaars)\b")


def numbered_questions(doc: Document) -> None:
    """Kamervragen, their answers (Aanhangsel: "Vraag 1" / "Antwoord 1") and lists of questions
    and answers: each number is one question block, paired with the answer that follows it."""
    asking: list[str] = []
    blocks: list[tuple[str, str, list[Block]]] = []  # (question | answer, number, blocks)
    expected = 1
    for block in doc.body:
        text = block.text
        if SITE_END.match(text):
            break
        if not asking and QUESTIONS_BY.search(text):
            for name in re.findall(r"\(([^()]{2,40})\)", text):
                asking.extend(s for s in fracties.parse(name) if s not in asking)
            continue
        mark = QUESTION_MARK.match(text)
        if mark and (mark.group("vraag") or int(mark.group("bare")) == expected):
            number = mark.group("vraag") or mark.group("bare")
            blocks.append(("question", number, []))
            expected = int(number) + 1
            continue
        answer = ANSWER_MARK.match(text)
        if answer and blocks:
            blocks.append(("answer", answer.group("number") or blocks[-1][1], []))
            continue
        inline = QUESTION_INLINE.match(text)
        if inline and int(inline.group("number")) == expected and not (blocks and blocks[-1][0] == "answer" and not blocks[-1][2]):
            blocks.append(("question", inline.group("number"), []))
            expected += 1
            cut = inline.end()
            block = Block(block.kind, text[cut:], block.offsets[cut:], block.offsets[cut], block.end,
                          markers=[FootnoteMarker(m.position - cut, m.number, m.start, m.end) for m in block.markers if m.position >= cut])
        if blocks and block.kind in ("paragraph", "heading") and block.text:
            blocks[-1][2].append(block)
    _numbered_parts(doc, blocks, asking)


def _numbered_parts(doc: Document, groups: list[tuple[str, str, list[Block]]], asking: list[str]) -> None:
    """Question and Answer parts of numbered groups ("question"/"vraag" or "answer"/"antwoord",
    number, blocks): an answer answers the question of its number ("2a" that of "2")."""
    questions: dict[str, Part] = {}
    for kind, number, content in groups:
        if not content:
            continue
        if kind in ("question", "vraag"):
            questions[number] = _part(doc, "question", content, fracties=list(asking), number=number)
            continue
        first = re.match(r"\d+", number)
        question = questions.get(number) or (questions.get(first.group()) if first else None)
        if question is not None:
            _part(doc, "answer", content, answers=question, number=number)


def _kamervragen(doc: Document) -> None:
    """Kamervragen XML: <vraag> and <antwoord> elements, paired by their number."""
    asking = []
    for block in doc.blocks:
        if block.element == "kamervraagomschrijving" and block.text.startswith("Vragen"):
            party = re.findall(r"\((?:allen |beiden )?([^()]+?)\)", block.text)
            for name in party:
                asking.extend(s for s in fracties.parse(name) if s not in asking)
    groups: list[tuple[str, str, list[Block]]] = []
    for block in doc.blocks:
        container = block.element.split("/")[0] if "/" in block.element else ""
        if container not in ("vraag", "antwoord"):
            continue
        if block.element.endswith("/nr"):
            groups.append((container, re.sub(r"^\D+", "", block.text).strip(), []))
        elif groups and groups[-1][0] == container:
            groups[-1][2].append(block)
    _numbered_parts(doc, groups, asking)


def footnotes(doc: Document) -> None:
    """Pipeline component: every footnote as a Passage-like part with its number."""
    for block in doc.blocks:
        if block.kind == "footnote":
            text = re.sub(r"^\d{1,3}\s+", "", block.text)
            offset = len(block.text) - len(text)
            joined = Block("footnote", text, block.offsets[offset:], block.offsets[offset], block.end)
            _part(doc, "footnote", [joined], footnote=block.footnote)


def passages(doc: Document) -> None:
    """Pipeline component: text outside questions, answers and motions, split by heading; in a
    plenary record also by speaker's turn ("Minister De Jonge:"), each passage knowing its speaker."""
    used = {id(b) for p in doc.parts for b in p.blocks}
    motion_spans = [(m.start, m.end) for m in doc.motions]
    section: list[Block] = []
    title = speaker = ""

    def close():
        nonlocal section
        if section:
            _part(doc, "passage", section, title=title, speaker=speaker)
        section = []

    for block in doc.body:
        if id(block) in used or (doc.format == "xml" and block.kind == "furniture") or \
                any(start <= block.start < end for start, end in motion_spans):
            close()
            title = ""
            continue
        if doc.kind == "handelingen" and SPEAKER.match(block.text):
            close()
            title, speaker = "", re.sub(r"\(\s+|\s+\)", lambda m: m.group().strip(), " ".join(block.text.rstrip(": ").split()))
            continue
        if _is_heading(block):
            close()
            title = block.text
            continue
        section.append(block)
    close()


def _is_heading(block: Block) -> bool:
    if block.kind in ("heading", "label"):
        return True
    text = block.text
    if block.emphasis in ("bold", "italic") and len(text) < 120:
        return True
    # Plain text: a short line without closing punctuation, starting with a capital.
    return (len(text) < 100 and text[:1].isupper() and not re.search(r"[.:;,?!)]$", text)
            and len(text.split()) <= 14 and not re.match(r"^(De|Het) .+,$", text))


def motion_text(doc: Document) -> None:
    """Pipeline component: the considerations and dictum of each motion text the metadata step
    found (a motion document's one motion, the motions submitted in a debate)."""
    for index, found in enumerate(doc.metadata.get("motion_texts", [])):
        doc.motions.append(found)
        for block in found.considerations:
            _part(doc, "consideration", [block], motion=index)
        if found.dictum:
            _part(doc, "dictum", found.dictum, motion=index)
