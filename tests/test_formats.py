"""Readers for the formats users have: PDF, Word 97, saved web pages, XML of any schema, other
encodings and double-encoded text. Each keeps offsets into the text the store keeps."""
import io

import pytest
from click.testing import CliRunner

from kamergraaf.cli import main
from kamergraaf.extract import formats
from kamergraaf.extract.pipeline import Pipeline
from kamergraaf.extract.readers import UnreadableDocument, read_document

from .conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
READERS = ROOT / "tests" / "fixtures" / "readers"


def test_pdf_text_layer_with_page_starts():
    doc = read_document(CORPUS / "motie-21501-02-3121-ceder-gaza.pdf")
    assert doc.format == "pdf"
    assert doc.metadata["pages"] == [0]
    assert "MOTIE VAN HET LID CEDER" in doc.source
    assert "en gaat over tot de orde van de dag." in doc.source


def _blank_pdf(pages: int) -> bytes:
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_pdf_without_text_layer_is_refused_as_a_scan(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blank_pdf(2))
    with pytest.raises(UnreadableDocument, match="no text layer"):
        read_document(path)


def test_pdf_pages_are_spans_of_the_kept_text():
    text = formats.pdf_text((CORPUS / "motie-21501-02-3121-ceder-gaza.pdf").read_bytes())
    assert formats.page_starts(text) == [0] and formats.PAGE_BREAK not in text  # one page
    two = "Eerste pagina\n" + formats.PAGE_BREAK + "Tweede pagina"
    assert [two[start:start + 6] for start in formats.page_starts(two)] == ["Eerste", "Tweede"]


def test_utf16_without_a_valid_body_is_refused(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_bytes(b"\xff\xfeD\x00e\x00\x00\xd8")  # a lone surrogate
    with pytest.raises(UnreadableDocument, match="not valid UTF-16"):
        read_document(path)


def test_a_doc_file_named_like_an_option_is_read(tmp_path):
    path = tmp_path / "-w.doc"
    path.write_bytes((CORPUS / "motie-31951-17-verdonk-verantwoordingsdag.doc").read_bytes())
    assert "MOTIE VAN HET LID VERDONK" in read_document(path).source


def test_a_fault_in_one_document_refuses_that_document_only(tmp_path, monkeypatch):
    from kamergraaf.graph import ingest as ingest_module
    from kamergraaf.graph.store import KnowledgeStore

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Den Haag, 1 mei 2024\n\nIk zal uw Kamer informeren.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Den Haag, 2 mei 2024\n\nDe Kamer wordt voor de zomer geïnformeerd.\n", encoding="utf-8")
    real = ingest_module.Pipeline.__call__

    def faulty(self, doc):
        if doc.name == "a.txt":
            raise IndexError("list index out of range")
        return real(self, doc)

    monkeypatch.setattr(ingest_module.Pipeline, "__call__", faulty)
    results = {r.path.rsplit("/", 1)[-1]: r for r in ingest_module.ingest(KnowledgeStore(tmp_path / "store"), [docs], jobs=1)}
    assert results["a.txt"].status == "invalid" and "IndexError" in results["a.txt"].reason
    assert results["b.txt"].status == "added"


def test_a_motion_title_without_a_motion_text_is_no_crash(tmp_path):
    path = tmp_path / "kst-1-2.xml"
    path.write_text('<?xml version="1.0"?><officiele-publicatie><kamerstuk><dossiernr>36 410</dossiernr>'
                    '<stuknr>Nr. 2</stuknr><titel>MOTIE VAN HET LID JANSEN</titel><al>Tekst volgt.</al></kamerstuk>'
                    '</officiele-publicatie>', encoding="utf-8")
    doc = Pipeline().read(path)
    assert doc.kind == "motie" and doc.motions == []


def test_word_97_doc_through_catdoc_or_antiword():
    doc = Pipeline().read(CORPUS / "motie-31951-17-verdonk-verantwoordingsdag.doc")
    assert doc.format == "doc" and doc.kind == "motie" and doc.kamerstuk == "31951-17"
    [motion] = doc.motions
    assert [name for name, _s, _e in motion.sponsors] == ["Verdonk"]


def test_word_97_doc_without_a_tool_says_what_to_install(monkeypatch):
    monkeypatch.setattr(formats.shutil, "which", lambda name: None)
    with pytest.raises(UnreadableDocument, match="install one"):
        read_document(CORPUS / "motie-31951-17-verdonk-verantwoordingsdag.doc")


SAVED_PAGE = """<!DOCTYPE html><html><head><title>Kamerstuk</title><script>var x = "<p>no</p>";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/zoeken">Zoeken</a></nav></header>
<div class="breadcrumb">U bent hier: Kamerstukken</div>
<main><h1>Nr. 12 MOTIE VAN HET LID DE GROOT</h1><p>Voorgesteld 3 oktober 2024</p><p>De Kamer,</p>
<p>gehoord de beraadslaging,</p><p>constaterende dat het wachten lang duurt;</p>
<p>verzoekt de regering de wachttijd te halveren,</p><p>en gaat over tot de orde van de dag.</p><p>De Groot</p>
<div class="ondertekenaars">Ondertekenaars: Eerste ondertekenaar A. de Groot, Tweede Kamerlid</div>
<a class="naar-boven" href="#top">Naar boven</a></main><footer>Over deze site</footer></body></html>"""


def test_saved_web_page_keeps_the_content_only(tmp_path):
    path = tmp_path / "kst-36600-12.html"
    path.write_text(SAVED_PAGE, encoding="utf-8")
    doc = Pipeline().read(path)
    assert doc.format == "html"
    for furniture in ("Home", "Zoeken", "U bent hier", "Ondertekenaars", "Naar boven", "Over deze site", "no</p>"):
        assert furniture not in doc.source
    assert doc.kind == "motie" and doc.date.isoformat() == "2024-10-03"
    [motion] = doc.motions
    assert [name for name, _s, _e in motion.sponsors] == ["De Groot"]
    assert motion.dictum[0].text.startswith("verzoekt de regering")


def test_double_encoded_utf8_is_repaired_with_a_warning(tmp_path):
    path = tmp_path / "brief.txt"
    text = "Den Haag, 1 mei 2024\n\nDe cliënten van het COA worden geïnformeerd over de opvang.\n"
    path.write_bytes(text.encode("utf-8").decode("latin-1").encode("utf-8"))  # "cliÃ«nten"
    doc = read_document(path)
    assert "cliënten" in doc.source and "Ã" not in doc.source
    assert any("double-encoded" in w for w in doc.metadata["warnings"])


def test_text_in_a_legacy_encoding_is_converted_with_a_warning(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_bytes("Den Haag, 1 mei 2024\n\nDe financiële gevolgen voor de cliënten zijn beperkt – zegt de minister.\n".encode("cp1252"))
    doc = read_document(path)
    assert "financiële" in doc.source and "–" in doc.source
    assert any("cp1252" in w for w in doc.metadata["warnings"])


def test_repairs_are_reported_on_the_build_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brief.txt").write_bytes("Den Haag, 1 mei 2024\n\nDe financiële gevolgen.\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), str(docs)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"warning: {docs / 'brief.txt'}: converted from cp1252" in result.output


def test_handelingen_xml_with_a_bom_before_the_declaration_and_mojibake():
    doc = Pipeline().read(CORPUS / "handelingen-h-tk-20172018-70-3-vao-wlz-ggz.xml")
    assert doc.kind == "handelingen" and "cliënten" in doc.source
    assert [m.kamerstuk for m in doc.motions] == [f"34104-{n}" for n in range(210, 217)]
    speakers = {p.speaker for p in doc.parts_of("passage")}
    assert {"Minister De Jonge", "Staatssecretaris Blokhuis", "Mevrouw Ellemeet (GroenLinks)"} <= speakers


def test_xml_of_another_schema_gives_its_text_not_its_metadata():
    doc = Pipeline().read(READERS / "CONSTRUCTED_plooi-package-brief.xml")
    texts = [b.text for b in doc.blocks]
    assert "ronl-0a1b2c3d" not in " ".join(texts)  # the metadata record stays out
    assert "Met deze brief geef ik invulling aan de motie van het lid Jansen (Kamerstuk 19 637, nr. 3100)." in texts
    assert doc.kind == "kamerbrief" and doc.date.isoformat() == "2024-03-12"
    facts = {f.kind for p in doc.parts for f in p.facts}
    assert {"kamerstuk", "claim", "commitment"} <= facts


def test_a_file_that_is_no_parliamentary_document_is_skipped_not_failed(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "SOURCES.md").write_text("# Sources\n\n| file | origin |\n|---|---|\n" + "".join(
        f"| `motie-{n}.txt` | https://zoek.officielebekendmakingen.nl/kst-19637-{n}.html |\n" for n in range(8)), encoding="utf-8")
    (docs / "brief.txt").write_text("Den Haag, 1 mei 2024\n\nIk zal uw Kamer voor de zomer informeren.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--store", str(tmp_path / "store"), str(docs)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"skipped: {docs / 'SOURCES.md'}: not a parliamentary document" in result.output
    assert "1 added" in result.output and "1 skipped" in result.output


def test_a_handelingen_motion_without_the_chairs_number_takes_its_xml_id(tmp_path):
    path = tmp_path / "h-tk-debat.xml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?><officiele-publicatie><handelingen><agendapunt>
<spreekbeurt><spreker><naam><achternaam>Jansen</achternaam></naam> (<politiek>SP</politiek>):</spreker>
<tekst><al-groep><al>Ik dien de volgende motie in.</al></al-groep>
<motie id="M-36410-VI-77"><kop><titel>Motie</titel></kop><al>De Kamer,</al><al>gehoord de beraadslaging,</al>
<al>constaterende dat de wachttijden oplopen;</al><al>verzoekt de regering de wachttijden te halveren,</al>
<al>en gaat over tot de orde van de dag.</al>
<motie-info><al>Deze motie is voorgesteld door het lid Jansen. Naar mij blijkt, wordt de indiening ervan voldoende ondersteund.</al></motie-info>
</motie></tekst></spreekbeurt></agendapunt></handelingen></officiele-publicatie>""", encoding="utf-8")
    doc = Pipeline().read(path)
    [motion] = doc.motions
    assert motion.kamerstuk == "36410-VI-77" and [n for n, _s, _e in motion.sponsors] == ["Jansen"]


def test_xml_footnotes_are_blocks_of_their_own_with_markers_where_they_stood(tmp_path):
    path = tmp_path / "kst-1.xml"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?><officiele-publicatie><kamerstuk><stuk>
<al>Hiermee beschouw ik de motie van het lid Jansen<noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>Kamerstuk <extref doc="kst-36410-VI-12">36 410 VI, nr. 12</extref>.</noot.al></noot> als afgedaan.</al>
</stuk></kamerstuk></officiele-publicatie>""", encoding="utf-8")
    doc = Pipeline().read(path)
    paragraph = next(b for b in doc.blocks if b.kind == "paragraph")
    note = next(b for b in doc.blocks if b.kind == "footnote")
    assert paragraph.text == "Hiermee beschouw ik de motie van het lid Jansen als afgedaan."
    assert note.footnote == 1 and note.text == "Kamerstuk 36 410 VI, nr. 12."
    [marker] = paragraph.markers
    assert marker.number == 1 and paragraph.text[:marker.position].endswith("Jansen")
    [claim] = [f for p in doc.parts for f in p.facts if f.kind == "claim"]
    assert claim.data["targets"] == [("motion", "36410-VI-12")]


def test_kamerstuk_xml_with_a_council_number_in_its_dossier():
    doc = Pipeline().read(ROOT / "tests/fixtures/extra/ebd7eaec-3e72-4fc5-9e8d-562ed7303e80.xml")
    assert doc.kamerstuk == "21501-20-2062" and [m.kamerstuk for m in doc.motions] == ["21501-20-2062"]


def _docx_with(document_xml: bytes, tmp_path, name="bad.docx"):
    import zipfile as zf

    source = ROOT / "tests/fixtures/formats/kst-36278-32_motie-Rikkers-Oosterkamp.docx"
    path = tmp_path / name
    with zf.ZipFile(source) as original, zf.ZipFile(path, "w", zf.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            copy.writestr(item, document_xml if item.filename == "word/document.xml" else original.read(item))
    return path


@pytest.mark.parametrize("document_xml,reason", [
    (b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p>",
     "malformed XML inside"),
    (b"<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
     b"<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
     b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body><w:p><w:r><w:t>&d;&d;&d;</w:t>"
     b"</w:r></w:p></w:body></w:document>", None),
    (b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>"
     + b"<w:p><w:r><w:t>" + b"overwegende dat " * 2_000_000 + b"</w:t></w:r></w:p></w:body></w:document>", "unpacks to"),
], ids=["malformed", "entities", "bomb"])
def test_hostile_word_files_are_refused_with_a_reason(tmp_path, document_xml, reason):
    path = _docx_with(document_xml, tmp_path)
    if reason is None:  # entities are not expanded: the text stays small, or the file is refused
        try:
            doc = read_document(path)
        except UnreadableDocument as error:
            assert str(path) in str(error)
        else:
            assert len(doc.source) < 100_000
        return
    with pytest.raises(UnreadableDocument, match=reason) as error:
        read_document(path)
    assert str(path) in str(error.value)


def test_stray_control_characters_after_the_first_8_kb_become_spaces(tmp_path):
    path = tmp_path / "brief.txt"
    text = "Den Haag, 1 mei 2024\n\n" + "De opvang is vol. " * 600 + "Ik zal u\x00 informeren\x1b over de opvang.\n"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert "\x00" not in doc.source and "\x1b" not in doc.source and len(doc.source) == len(text)
    assert any("control characters" in w for w in doc.metadata["warnings"])
