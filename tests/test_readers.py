"""Readers: normalised text, offsets back into the original, footnotes, formats."""
from pathlib import Path

import pytest

from kamergraaf.extract.plaintext import read_plain_text
from kamergraaf.extract.readers import UnreadableDocument, read_document

from .conftest import FORMATS, SEED_FILES


def assert_offsets_point_home(source: str, blocks) -> None:
    """Every normalised character maps to the same character in the source, or is a synthetic
    space/paragraph break standing for whitespace."""
    for block in blocks:
        assert len(block.offsets) == len(block.text)
        for char, offset in zip(block.text, block.offsets):
            if char in " \n":
                continue
            assert source[offset] == char, (block.text[:40], offset)
        assert block.offsets == sorted(block.offsets)


def test_line_end_hyphenation_is_undone_and_offsets_cover_the_hyphen():
    source = "Kan de Staatsse-\ncretaris dit toelichten?\n"
    [block] = read_plain_text(source)
    assert block.text == "Kan de Staatssecretaris dit toelichten?"
    start, end = block.source_span(block.text.index("Staatssecretaris"), block.text.index(" dit"))
    assert source[start:end] == "Staatsse-\ncretaris"


def test_hyphen_after_capitals_is_kept():
    [block] = read_plain_text("De leden van de VVD-\nfractie vragen dit.\n")
    assert block.text == "De leden van de VVD-fractie vragen dit."


def test_page_furniture_is_dropped_and_the_split_paragraph_rejoined():
    source = (
        "De leden vragen of de registratie aan de buitengrenzen en\n\n"
        "Tweede Kamer, vergaderjaar 2022–2023, 32 317, nr. 789 3\n\n\n\n"
        "het herstellen van de naleving beter kan?\n"
    )
    blocks = read_plain_text(source)
    body = [b for b in blocks if b.kind == "paragraph"]
    assert [b.kind for b in blocks].count("furniture") == 1
    assert len(body) == 1
    assert body[0].text.endswith("buitengrenzen en het herstellen van de naleving beter kan?")
    assert_offsets_point_home(source, blocks)


def test_markdown_markup_and_footnotes():
    source = (
        "#### **Antwoord**\n\n"
        "**Zoals eerder gedeeld<sup>2</sup> is in de [verordening](http://x.eu) opgenomen dat**\n\n"
        "---\n\n"
        "<sup>2</sup> Vergaderjaar 2023-2024, KST 32317, nr. 871\n\n"
        "**de Commissie het begrip herziet.**\n"
    )
    blocks = read_plain_text(source)
    kinds = [b.kind for b in blocks]
    assert kinds == ["heading", "paragraph", "separator", "footnote"]
    paragraph = blocks[1]
    assert paragraph.text == "Zoals eerder gedeeld is in de verordening opgenomen dat de Commissie het begrip herziet."
    assert paragraph.emphasis == "bold"
    [marker] = paragraph.markers
    assert marker.number == 2 and source[marker.start:marker.end] == "<sup>2</sup>"
    note = blocks[3]
    assert note.footnote == 2 and note.text == "Vergaderjaar 2023-2024, KST 32317, nr. 871"
    assert_offsets_point_home(source, blocks)


def test_plain_text_footnotes_need_a_marker_and_the_next_number():
    source = (
        "Hiermee acht ik de motie ten uitvoering gebracht.7\n\n"
        "7 Kamerstukken 2023/2024, 19 637, nr. 3220 Motie van het lid Keijzer\n"
        "2024\n\n"
        "38 maatregelen zijn benoemd.\n"
    )
    blocks = read_plain_text(source)
    notes = [b for b in blocks if b.kind == "footnote"]
    assert len(notes) == 0, "7 is not the next footnote number after none"
    source = source.replace(".7", ".1").replace("7 Kamer", "1 Kamer")
    blocks = read_plain_text(source)
    [note] = [b for b in blocks if b.kind == "footnote"]
    assert note.footnote == 1 and note.text.startswith("1 Kamerstukken 2023/2024, 19 637, nr. 3220")
    assert blocks[0].markers[0].number == 1
    assert [b.text for b in blocks if b.kind == "paragraph"] == [
        "Hiermee acht ik de motie ten uitvoering gebracht.1", "38 maatregelen zijn benoemd."]


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_seed_offsets_point_home(seed: Path):
    doc = read_document(seed)
    assert doc.source == seed.read_text(encoding="utf-8")
    assert_offsets_point_home(doc.source, doc.blocks)


def test_seed_footnotes_are_all_linked():
    for seed in SEED_FILES:
        doc = read_document(seed)
        notes = {b.footnote for b in doc.blocks if b.kind == "footnote"}
        markers = {m.number for b in doc.blocks for m in b.markers}
        assert notes <= markers, seed.name  # every footnote has its marker in the text
    doc = read_document(SEED_FILES[1])
    assert len([b for b in doc.blocks if b.kind == "footnote"]) == 23


def test_kamervragen_xml():
    path = FORMATS / "ah-tk-20202021-3235.xml"
    doc = read_document(path)
    assert doc.format == "xml" and doc.metadata["root"] == "kamervragen"
    source = path.read_text(encoding="utf-8")
    question = next(b for b in doc.blocks if b.element == "vraag/al")
    assert question.text.startswith("Klopt het dat de Tijdelijke overbruggingsregeling")
    start, end = question.source_span()
    assert source[start:end] == question.text  # no entities or markup inside this one
    assert_offsets_point_home(source, doc.blocks)


def test_xml_entities_map_to_their_span(tmp_path):
    path = tmp_path / "kst-1-2.xml"
    path.write_text('<?xml version="1.0"?><officiele-publicatie><kamerstuk><stuk><al>A &amp; B</al>'
                    "</stuk></kamerstuk></officiele-publicatie>", encoding="utf-8")
    doc = read_document(path)
    [block] = [b for b in doc.blocks if b.element == "al"]
    assert block.text == "A & B"
    start, end = block.source_span()
    assert doc.source[start:end] == "A &amp; B"


def test_motion_xml():
    doc = read_document(FORMATS / "kst-32545-143.xml")
    assert doc.metadata["date"] == "2021-07-06"
    assert any(b.text == "MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS" for b in doc.blocks)


def test_docx_text_is_paragraph_by_paragraph():
    doc = read_document(FORMATS / "kst-36278-32_motie-Rikkers-Oosterkamp.docx")
    expected = (FORMATS / "kst-36278-32_motie-Rikkers-Oosterkamp.txt").read_text(encoding="utf-8").strip()
    assert doc.format == "docx"
    assert doc.source == expected
    assert [b.text for b in doc.blocks][:4] == ["TWEEDE KAMER DER STATEN-GENERAAL", "2", "Vergaderjaar 2024-2025", "36 278"]


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    (b"Vragen " + bytes(range(0x80, 0x100)) * 2, "not valid UTF-8"),
])
def test_unreadable_files_are_refused_with_name_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as error:
        read_document(path)
    assert str(path) in str(error.value) and reason in str(error.value)


def test_malformed_xml_and_docx_and_unsupported_types(tmp_path):
    cases = {"broken.xml": b"<officiele-publicatie><al>open", "broken.docx": b"PK\x03\x04 not a zip",
             "report.pdf": b"%PDF-1.7", "report.odt": b"PK"}
    reasons = {"broken.xml": "malformed XML", "broken.docx": "not a valid .docx", "report.pdf": "not a readable PDF",
               "report.odt": "unsupported file type"}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(UnreadableDocument, match=reasons[name]):
            read_document(path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    with pytest.raises(UnreadableDocument, match="too large"):
        read_document(path)
