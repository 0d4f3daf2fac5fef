"""Motion texts by the conventions of Dutch motions (every layout), not by the wording of the
development corpus: every sentence below is invented for these tests.

See /work/shared/ANNOTATION-GUIDE.md, "Motion documents (every layout)" and "Handelingen".
"""
from __future__ import annotations

import datetime as dt

import pytest

from kamergraaf.extract.motiontext import find_motions, source_lines
from kamergraaf.extract.pipeline import Pipeline


# --------------------------------------------------------------------------- helpers


def motions_in(text: str):
    found = find_motions(source_lines(text))
    for motion in found:
        assert_spans(text, motion)
    return found


def only_motion(text: str):
    found = motions_in(text)
    assert len(found) == 1, [m.sponsors for m in found]
    return found[0]


def assert_spans(text: str, motion) -> None:
    """Every span quotes the source: sponsors exactly (capitals only re-cased), clause blocks
    character by character (a joining space is the only character not in the source)."""
    for name, start, end in motion.sponsors:
        printed = text[start:end]
        if printed.isupper():
            assert printed.lower() == name.lower(), (printed, name)
        else:
            assert printed == name, (printed, name)
    for block in motion.considerations + motion.dictum:
        first_word = block.text.split()[0]
        assert text[block.start : block.end].startswith(first_word), (text[block.start : block.end], block.text)
        assert len(block.offsets) == len(block.text)
        for char, offset in zip(block.text, block.offsets):
            if char != " ":
                assert text[offset] == char, (block.text, char, offset)


def names(motion) -> list[str]:
    return [name for name, _start, _end in motion.sponsors]


def heads(blocks, words: int = 1) -> list[str]:
    return [" ".join(b.text.split()[:words]).lower() for b in blocks]


def read(tmp_path, text: str, name: str = "stuk.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Pipeline().read(path)


# A motion document as the website prints it: one paragraph per line, blank lines between.
PAGE_MOTION = """\
36 410 VI Vaststelling van de begrotingsstaten van het Ministerie van Justitie en Veiligheid (VI) voor het jaar 2024

Nr. 85 MOTIE VAN DE LEDEN VAN DER PLAS EN KRÖGER

Voorgesteld 14 maart 2024

De Kamer,

gehoord de beraadslaging,

constaterende dat rechtbanken in het noorden van het land kampen met achterstanden van meer dan een jaar;

overwegende dat slachtoffers van woninginbraken daardoor lang op een uitspraak wachten;

van oordeel dat een rechtsstaat tijdige rechtspraak moet waarborgen;

verzoekt de regering om voor de zomer een plan van aanpak voor de achterstanden naar de Kamer te sturen;

verzoekt de regering tevens om daarbij de rechtbanken in Groningen en Leeuwarden te betrekken,

en gaat over tot de orde van de dag.

Van der Plas

Kröger
"""


# --------------------------------------------------------------------------- layouts


def test_paragraph_layout_gives_each_clause_once():
    motion = only_motion(PAGE_MOTION)
    assert heads(motion.considerations, 2) == ["constaterende dat", "overwegende dat", "van oordeel"]
    assert heads(motion.dictum) == ["verzoekt", "verzoekt"]
    assert motion.dictum[1].text.endswith("te betrekken,")


def test_preamble_is_not_a_consideration():
    motion = only_motion(PAGE_MOTION)
    assert not any("gehoord" in b.text.lower() for b in motion.considerations + motion.dictum)
    assert len(motion.considerations) == 3


def test_pdf_wrapped_lines_are_joined_and_clause_words_inside_a_sentence_start_nothing():
    text = (
        "De Kamer,\n"
        "gehoord de beraadslaging,\n"
        "constaterende dat de inspectie in haar rapport als\n"
        "overwegende reden voor de sluiting van de jeugdinrichting\n"
        "het tekort aan personeel noemt;\n"
        "overwegende dat de ouders van de jongeren de staatssecretaris\n"
        "verzoekt hebben om opheldering, maar nog geen antwoord\n"
        "kregen;\n"
        "verzoekt de regering de Kamer binnen zes weken te\n"
        "informeren over de opvang van de betrokken jongeren,\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert len(motion.considerations) == 2
    assert len(motion.dictum) == 1
    assert motion.considerations[0].text == (
        "constaterende dat de inspectie in haar rapport als overwegende reden voor de sluiting van de "
        "jeugdinrichting het tekort aan personeel noemt;"
    )
    assert motion.dictum[0].text.endswith("over de opvang van de betrokken jongeren,")


def test_clause_word_after_a_comma_at_line_end_inside_a_sentence_starts_nothing():
    text = (
        "De Kamer,\n"
        "gehoord de beraadslaging,\n"
        "overwegende dat de Raad van State, de Afdeling advisering,\n"
        "van oordeel is dat het wetsvoorstel onvoldoende is onderbouwd;\n"
        "verzoekt de regering het wetsvoorstel aan te houden,\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert [b.text for b in motion.considerations] == [
        "overwegende dat de Raad van State, de Afdeling advisering, van oordeel is dat het wetsvoorstel "
        "onvoldoende is onderbouwd;"
    ]


def test_preamble_on_the_line_of_de_kamer():
    text = (
        "De Kamer, gehoord de beraadslaging,\n\n"
        "constaterende dat steeds meer boeren stoppen met melkveehouderij;\n\n"
        "verzoekt de regering een noodfonds voor jonge boeren op te zetten,\n\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert heads(motion.considerations) == ["constaterende"]
    assert heads(motion.dictum) == ["verzoekt"]


def test_dictum_with_listed_items_keeps_the_items():
    text = (
        "De Kamer,\n\n"
        "gehoord de beraadslaging,\n\n"
        "constaterende dat de grensovergangen met België slecht bereikbaar zijn per bus;\n\n"
        "verzoekt de regering:\n\n"
        "- met de Belgische regering afspraken te maken over grensoverschrijdend busvervoer;\n\n"
        "- de Kamer voor 1 juli over de uitkomst te informeren,\n\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert len(motion.dictum) == 1
    assert motion.dictum[0].text.startswith("verzoekt de regering:")
    assert motion.dictum[0].text.endswith("over de uitkomst te informeren,")
    assert len(motion.considerations) == 1


def test_line_end_hyphen_inside_a_word_is_undone():
    text = (
        "De Kamer,\n"
        "gehoord de beraadslaging,\n"
        "constaterende dat veel gemeen-\n"
        "ten de kosten van de schuldhulp-\n"
        "verlening niet meer kunnen dragen;\n"
        "verzoekt de regering de gemeenten hierin tegemoet te komen,\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert motion.considerations[0].text == (
        "constaterende dat veel gemeenten de kosten van de schuldhulpverlening niet meer kunnen dragen;"
    )


def test_line_end_hyphen_of_a_hyphenated_name_is_kept_without_a_space():
    text = (
        "De Kamer,\n"
        "gehoord de beraadslaging,\n"
        "constaterende dat de provincie Noord-\n"
        "Holland de veerdienst wil beëindigen;\n"
        "verzoekt de regering met de provincie in gesprek te gaan,\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert "Noord-Holland de veerdienst" in motion.considerations[0].text


PDF_MOTION = """\
Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2023–2024
36 410 VI Vaststelling van de begrotingsstaten van het Ministerie van
Justitie en Veiligheid (VI) voor het jaar 2024
Nr. 85 MOTIE VAN HET LID EL ABASSI C.S.
Voorgesteld 14 maart 2024
De Kamer,
gehoord de beraadslaging,
constaterende dat het aantal meldingen van discriminatie op de
woningmarkt het afgelopen jaar sterk is gestegen;
overwegende dat huurders vaak niet weten waar zij terecht-
kunnen met een klacht;
Tweede Kamer, vergaderjaar 2023–2024, 36 410 VI, nr. 85
2
verzoekt de regering een landelijk meldpunt in te richten dat
huurders ondersteunt bij het indienen van een klacht,
en gaat over tot de orde van de dag.
El Abassi
Jasper van Dijk
Faber-Van de Klashorst
Tweede Kamer, vergaderjaar 2023–2024, 36 410 VI, nr. 85 2
kst-36410-VI-85
ISSN 0921 - 7371
’s-Gravenhage 2024
"""


def test_page_furniture_with_page_number_inside_the_motion_is_not_clause_text():
    text = PDF_MOTION.replace("Tweede Kamer, vergaderjaar 2023–2024, 36 410 VI, nr. 85\n2\n",
                              "Tweede Kamer, vergaderjaar 2023–2024, 36 410 VI, nr. 85 2\n", 1)
    motion = only_motion(text)
    assert len(motion.considerations) == 2
    assert len(motion.dictum) == 1
    assert motion.considerations[1].text == (
        "overwegende dat huurders vaak niet weten waar zij terechtkunnen met een klacht;")
    assert motion.dictum[0].text == (
        "verzoekt de regering een landelijk meldpunt in te richten dat huurders ondersteunt bij het "
        "indienen van een klacht,"
    )


def test_bare_page_number_inside_the_motion_is_not_clause_text():
    text = (
        "De Kamer,\n"
        "gehoord de beraadslaging,\n"
        "overwegende dat het aantal zzp'ers zonder arbeidsongeschiktheids-\n"
        "verzekering groeit;\n"
        "3\n"
        "verzoekt de regering de invoering van een verplichte verzekering\n"
        "4\n"
        "niet verder uit te stellen,\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert motion.considerations[0].text == (
        "overwegende dat het aantal zzp'ers zonder arbeidsongeschiktheidsverzekering groeit;")
    assert motion.dictum[0].text == (
        "verzoekt de regering de invoering van een verplichte verzekering niet verder uit te stellen,")


def test_page_furniture_line_on_its_own_inside_the_motion_is_not_clause_text():
    motion = only_motion(PDF_MOTION)
    assert len(motion.considerations) == 2
    assert len(motion.dictum) == 1
    for block in motion.considerations + motion.dictum:
        assert "vergaderjaar" not in block.text
    assert motion.considerations[1].text == (
        "overwegende dat huurders vaak niet weten waar zij terechtkunnen met een klacht;")


def test_page_furniture_after_the_motion_is_not_a_sponsor():
    motion = only_motion(PDF_MOTION)
    assert names(motion) == ["El Abassi", "Jasper van Dijk", "Faber-Van de Klashorst"]


def test_whole_motion_on_one_line():
    text = (
        "Nr. 31 MOTIE VAN HET LID TIELEN\n"
        "De Kamer, gehoord de beraadslaging, constaterende dat de wachttijd voor een rijexamen in "
        "sommige regio's twintig weken bedraagt; overwegende dat jongeren op het platteland afhankelijk "
        "zijn van een rijbewijs; verzoekt de regering het CBR op te dragen extra examinatoren in te "
        "zetten, en gaat over tot de orde van de dag.\n"
        "Tielen\n"
    )
    motion = only_motion(text)
    assert heads(motion.considerations) == ["constaterende", "overwegende"]
    assert heads(motion.dictum) == ["verzoekt"]
    assert motion.considerations[0].text.endswith("twintig weken bedraagt;")
    assert motion.dictum[0].text.endswith("in te zetten,")
    assert names(motion) == ["Tielen"]


def test_ocr_capitalised_clause_words():
    text = (
        "MOTIE VAN HET LID BIKKER\n"
        "De Kamer,\n"
        "Gehoord de beraadslaging,\n"
        "Constaterende dat mantelzorgers steeds vaker overbelast raken;\n"
        "Overwegende dat respijtzorg in veel gemeenten niet beschikbaar is;\n"
        "Spreekt uit dat iedere mantelzorger recht heeft op een adempauze;\n"
        "Verzoekt de regering gemeenten te ondersteunen bij het aanbieden van respijtzorg,\n"
        "En gaat over tot de orde van de dag.\n"
        "Bikker\n"
    )
    motion = only_motion(text)
    assert heads(motion.considerations) == ["constaterende", "overwegende"]
    assert heads(motion.dictum, 2) == ["spreekt uit", "verzoekt de"]
    assert names(motion) == ["Bikker"]


def test_word_table_text_with_tabs():
    text = (
        "Nr.\t57\tMOTIE VAN HET LID OUWEHAND\tover het verbod op pelsdierhouderij\n"
        "\tDe Kamer,\t\n"
        "\tgehoord de beraadslaging,\t\n"
        "\tconstaterende dat nertsenfokkerijen een bron van virusuitbraken bleken;\t\n"
        "\tverzoekt de regering de sluiting van de laatste fokkerijen te bespoedigen,\t\n"
        "\ten gaat over tot de orde van de dag.\t\n"
        "\tOuwehand\t\n"
    )
    motion = only_motion(text)
    assert len(motion.considerations) == 1
    assert len(motion.dictum) == 1
    assert names(motion) == ["Ouwehand"]


# --------------------------------------------------------------------------- considerations


def _with_clause(clause: str) -> str:
    return (
        "De Kamer,\n\n"
        "gehoord de beraadslaging,\n\n"
        f"{clause}\n\n"
        "verzoekt de regering de Kamer voor het zomerreces te informeren,\n\n"
        "en gaat over tot de orde van de dag.\n"
    )


@pytest.mark.parametrize(
    "clause",
    [
        "constaterende dat het aantal leerplichtige thuiszitters toeneemt;",
        "overwegende dat passend onderwijs voor deze kinderen ontbreekt;",
        "van mening dat ieder kind recht heeft op onderwijs;",
        "van oordeel dat scholen hierin meer steun verdienen;",
        "gelet op de toezeggingen die de minister eerder deed;",
        "voorts constaterende dat de wachtlijsten in de jeugdzorg groeien;",
        "overwegende, dat de leerplichtwet niet voorziet in een oplossing;",
    ],
)
def test_each_consideration_word_starts_a_consideration(clause):
    motion = only_motion(_with_clause(clause))
    assert [b.text for b in motion.considerations] == [clause]
    assert len(motion.dictum) == 1


def test_considerations_are_counted_across_many_kinds():
    text = _with_clause(
        "constaterende dat de grensregio's kampen met een tekort aan artsen;\n\n"
        "constaterende voorts dat ziekenhuizen afdelingen sluiten;\n\n"
        "overwegende dat de aanrijtijden van ambulances daardoor oplopen;\n\n"
        "van mening dat goede zorg binnen bereik moet blijven;\n\n"
        "gelet op het advies van de Nederlandse Zorgautoriteit;"
    )
    motion = only_motion(text)
    assert len(motion.considerations) == 5


# --------------------------------------------------------------------------- dictum


@pytest.mark.parametrize(
    "dictum",
    [
        "verzoekt de regering het aantal handhavers te verdubbelen,",
        "roept de regering op de subsidie voor buurthuizen te verlengen,",
        "spreekt uit dat het onderwijs in de moedertaal behouden moet blijven,",
        "spreekt als haar mening uit dat de bibliotheek een basisvoorziening is,",
        "draagt de regering op het wetsvoorstel in te trekken,",
        "Verzoekt het kabinet de Kamer jaarlijks te rapporteren,",
    ],
)
def test_each_dictum_word_starts_the_dictum(dictum):
    text = (
        "De Kamer,\n\n"
        "gehoord de beraadslaging,\n\n"
        "overwegende dat de leefbaarheid in kleine kernen onder druk staat;\n\n"
        f"{dictum}\n\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert [b.text for b in motion.dictum] == [dictum]
    assert len(motion.considerations) == 1


def test_several_dictum_clauses_of_different_kinds():
    text = (
        "De Kamer,\n\n"
        "gehoord de beraadslaging,\n\n"
        "constaterende dat de zeespiegel sneller stijgt dan voorzien;\n\n"
        "spreekt uit dat waterveiligheid de hoogste prioriteit heeft;\n\n"
        "roept de regering op het Deltaprogramma te herijken;\n\n"
        "draagt de regering op de Kamer hierover jaarlijks te rapporteren,\n\n"
        "en gaat over tot de orde van de dag.\n"
    )
    motion = only_motion(text)
    assert heads(motion.dictum) == ["spreekt", "roept", "draagt"]
    assert len(motion.considerations) == 1


# --------------------------------------------------------------------------- sponsors


def test_header_of_one_member():
    text = "MOTIE VAN HET LID OMTZIGT\n\n" + _with_clause("overwegende dat de toeslagenouders nog steeds wachten;")
    assert names(only_motion(text)) == ["Omtzigt"]


def test_header_of_two_members_in_capitals_is_title_cased_as_printed():
    motion = only_motion(PAGE_MOTION)
    assert names(motion) == ["Van der Plas", "Kröger"]
    name, start, end = motion.sponsors[0]
    # the header gives the name first; the signature "Van der Plas" is the same person
    assert PAGE_MOTION[start:end].lower() == "van der plas"


def test_header_c_s_with_signature_block_of_several_names():
    text = (
        "Nr. 12 MOTIE VAN HET LID JASPER VAN DIJK C.S.\n\n"
        + _with_clause("constaterende dat de huren in de vrije sector harder stijgen dan de lonen;")
        + "\nJasper van Dijk\n\nVan der Plas\n\nFaber-Van de Klashorst\n\nEl Abassi\n\nKröger\n"
    )
    motion = only_motion(text)
    assert names(motion) == ["Jasper van Dijk", "Van der Plas", "Faber-Van de Klashorst", "El Abassi", "Kröger"]


def test_header_names_in_capitals_with_prefixes_and_double_names():
    text = (
        "MOTIE VAN DE LEDEN FABER-VAN DE KLASHORST, JASPER VAN DIJK EN EL ABASSI\n\n"
        + _with_clause("overwegende dat de kinderopvang onbetaalbaar wordt;")
    )
    assert names(only_motion(text)) == ["Faber-Van de Klashorst", "Jasper van Dijk", "El Abassi"]


def test_header_c_s_gives_only_the_named_member():
    text = "MOTIE VAN HET LID DASSEN C.S.\n\n" + _with_clause("constaterende dat de btw op boeken omhoog gaat;")
    assert names(only_motion(text)) == ["Dassen"]


def test_title_form_header_stops_at_the_subject():
    text = (
        "Motie van de leden Bikker en Van Baarle over het behoud van de spoorverbinding naar Delfzijl\n\n"
        + _with_clause("overwegende dat de trein naar Delfzijl voor veel reizigers onmisbaar is;")
    )
    assert names(only_motion(text)) == ["Bikker", "Van Baarle"]


def test_signature_lines_skip_furniture_dates_and_labels():
    text = (
        "MOTIE VAN HET LID KRÖGER\n\n"
        + _with_clause("constaterende dat de CO2-uitstoot van de luchtvaart blijft groeien;")
        + "\nOndertekenaars\n\nKröger\n\nDassen\n\n3\n\nNaar boven\n\nkst-36410-XII-17\n\n"
          "14 maart 2024\n\nTweede Kamer der Staten-Generaal\n"
    )
    assert names(only_motion(text)) == ["Kröger", "Dassen"]


def test_signature_block_keeps_every_name_and_stops_at_furniture_and_dates():
    text = (
        _with_clause("constaterende dat de CO2-uitstoot van de luchtvaart blijft groeien;")
        + "\nKröger\n\nDassen\n\n3\n\nNaar boven\n\nkst-36410-XII-17\n\n14 maart 2024\n"
    )
    assert names(only_motion(text)) == ["Kröger", "Dassen"]


def test_text_after_the_motion_is_not_a_sponsor():
    text = (
        "MOTIE VAN HET LID TIELEN\n\n"
        + _with_clause("overwegende dat de sportverenigingen worstelen met hoge energiekosten;")
        + "\nTielen\n\nToelichting bij deze motie volgt in de brief van de minister.\n\n"
          "Zie ook de stemmingsuitslag van dinsdag\n"
    )
    assert names(only_motion(text)) == ["Tielen"]


def test_two_people_with_the_same_family_name_stay_two_sponsors():
    text = (
        "MOTIE VAN DE LEDEN JASPER VAN DIJK EN INGE VAN DIJK\n\n"
        + _with_clause("constaterende dat jongeren geen starterswoning kunnen vinden;")
        + "\nJasper van Dijk\n\nInge van Dijk\n"
    )
    assert names(only_motion(text)) == ["Jasper van Dijk", "Inge van Dijk"]


def test_family_name_in_header_and_full_name_in_signature_are_one_sponsor():
    text = (
        "MOTIE VAN HET LID VAN DIJK\n\n"
        + _with_clause("constaterende dat de wachtlijsten voor de ggz onverminderd lang zijn;")
        + "\nInge van Dijk\n"
    )
    motion = only_motion(text)
    assert names(motion) == ["Inge van Dijk"]
    _name, start, end = motion.sponsors[0]
    assert text[start:end] == "Inge van Dijk"


def test_name_with_letters_beyond_latin_1():
    text = (
        "MOTIE VAN DE LEDEN YEŞILGÖZ-ZEGERIUS EN TIELEN\n\n"
        + _with_clause("overwegende dat de politie meer wijkagenten nodig heeft;")
        + "\nYeşilgöz-Zegerius\n\nTielen\n"
    )
    assert names(only_motion(text)) == ["Yeşilgöz-Zegerius", "Tielen"]


# --------------------------------------------------------------------------- Handelingen

DEBATE = """\
Mevrouw Kröger (GroenLinks-PvdA):

Voorzitter. Ik heb twee moties, want over de opvang van jongeren maak ik mij grote zorgen.

De Kamer,

gehoord de beraadslaging,

constaterende dat de justitiële jeugdinrichtingen overvol zijn;

verzoekt de regering binnen drie maanden extra plaatsen te realiseren,

en gaat over tot de orde van de dag.

De voorzitter:

Deze motie is voorgesteld door de leden Kröger, Van der Plas en El Abassi.

Naar mij blijkt, wordt zij voldoende ondersteund.

Zij maakt deel uit van de beraadslaging.

Zij krijgt nr. 12 (36410-VI).

Mevrouw Kröger (GroenLinks-PvdA):

Dan mijn tweede motie.

De Kamer,

gehoord de beraadslaging,

overwegende dat reclassering en gemeenten elkaar slecht weten te vinden;

van mening dat nazorg na detentie de kans op recidive verkleint;

roept de regering op de samenwerking tussen reclassering en gemeenten wettelijk te verankeren,

en gaat over tot de orde van de dag.

De voorzitter:

Deze motie is voorgesteld door de leden Kröger en Dassen.

Naar mij blijkt, wordt zij voldoende ondersteund.

Zij maakt deel uit van de beraadslaging.

Zij krijgt nr. 13 (36410-VI).

Dank u wel. Dan is het woord aan de minister.
"""


def test_debate_motion_gets_the_number_and_sponsors_the_chair_gives():
    first = motions_in(DEBATE)[0]
    assert first.kamerstuk == "36410-VI-12"
    assert names(first) == ["Kröger", "Van der Plas", "El Abassi"]
    assert heads(first.considerations) == ["constaterende"]
    assert heads(first.dictum) == ["verzoekt"]


def test_two_motions_in_one_debate_each_with_own_sponsors_and_number():
    first, second = motions_in(DEBATE)
    assert (first.kamerstuk, second.kamerstuk) == ("36410-VI-12", "36410-VI-13")
    assert names(second) == ["Kröger", "Dassen"]
    assert heads(second.considerations, 2) == ["overwegende dat", "van mening"]
    assert heads(second.dictum) == ["roept"]
    assert first.end <= second.start


def test_debate_dossier_with_spaces_in_the_number():
    text = (
        "De Kamer,\n\ngehoord de beraadslaging,\n\n"
        "overwegende dat de asielketen vastloopt;\n\n"
        "verzoekt de regering de doorlooptijden te halveren,\n\n"
        "en gaat over tot de orde van de dag.\n\n"
        "Deze motie is voorgesteld door het lid Brekelmans. Naar mij blijkt, wordt zij voldoende ondersteund.\n\n"
        "Zij krijgt nr. 3301 (19 637).\n"
    )
    motion = only_motion(text)
    assert motion.kamerstuk == "19637-3301"
    assert names(motion) == ["Brekelmans"]


AMENDED_DEBATE = """\
De voorzitter:

De motie-Bikker/Dassen (19637, nr. 920) is in die zin gewijzigd dat zij thans luidt:

De Kamer,

gehoord de beraadslaging,

constaterende dat alleenstaande minderjarige vreemdelingen maandenlang in noodopvang verblijven;

verzoekt de regering voor deze kinderen binnen vier weken een kleinschalige opvangplek te vinden,

en gaat over tot de orde van de dag.

Deze gewijzigde motie is voorgesteld door de leden Bikker en Dassen. Naar mij blijkt, wordt zij voldoende ondersteund.

Zij krijgt nr. 931 (19637).
"""


def test_amended_motion_read_out_in_a_debate_replaces_the_old_number():
    motion = only_motion(AMENDED_DEBATE)
    assert motion.amended
    assert motion.replaces == "19637-920"
    assert motion.kamerstuk == "19637-931"
    assert names(motion) == ["Bikker", "Dassen"]


def test_amended_motion_number_in_the_was_form():
    text = AMENDED_DEBATE.replace("Zij krijgt nr. 931 (19637).", "Zij krijgt nr. 931, was nr. 920 (19637).")
    motion = only_motion(text)
    assert motion.kamerstuk == "19637-931"
    assert motion.replaces == "19637-920"


# --------------------------------------------------------------------------- not a motion


def test_prose_mention_of_a_motion_in_a_letter_is_not_a_motion_text():
    text = (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
        "Den Haag, 3 april 2024\n\n"
        "Met deze brief informeer ik uw Kamer over de uitvoering van de motie van het lid Jansen over "
        "het verruimen van de openingstijden van de loketten (Kamerstuk 36410-VI, nr. 44). In die motie "
        "verzoekt de Kamer de regering de openingstijden te verruimen. Ik ben van mening dat dit "
        "verzoek ten uitvoering is gebracht.\n\n"
        "De Minister van Justitie en Veiligheid,\n"
    )
    assert motions_in(text) == []


def test_letter_with_clause_words_but_without_de_kamer_has_no_motion():
    text = (
        "Geachte voorzitter,\n\n"
        "constaterende dat de vorige brief vertraging opliep, stuur ik u hierbij alsnog de cijfers.\n\n"
        "Verzoekt u mij om nadere toelichting, dan ontvangt u die graag.\n\n"
        "en gaat over tot de orde van de dag, zoals de Kamer gewoonlijk besluit.\n"
    )
    assert motions_in(text) == []


def test_de_kamer_in_running_prose_is_not_a_motion():
    text = (
        "De Kamer, zo schreef ik u eerder, ontvangt voor de zomer de evaluatie.\n\n"
        "Daarin ga ik in op de vragen die tijdens het commissiedebat zijn gesteld.\n"
    )
    assert motions_in(text) == []


# --------------------------------------------------------------------------- documents through the pipeline


def test_motion_document_kind_number_date_and_motion(tmp_path):
    doc = read(tmp_path, PAGE_MOTION)
    assert doc.kind == "motie"
    assert doc.kamerstuk == "36410-VI-85"
    assert doc.date == dt.date(2024, 3, 14)
    assert len(doc.motions) == 1
    motion = doc.motions[0]
    assert motion.kamerstuk == "36410-VI-85"
    assert names(motion) == ["Van der Plas", "Kröger"]


def test_pdf_motion_document_number_from_the_furniture(tmp_path):
    doc = read(tmp_path, PDF_MOTION)
    assert doc.kind == "motie"
    assert doc.kamerstuk == "36410-VI-85"
    assert doc.motions[0].kamerstuk == "36410-VI-85"


def test_motion_document_number_from_the_colophon(tmp_path):
    text = (
        "MOTIE VAN HET LID OUWEHAND\n\n"
        + _with_clause("constaterende dat de vogelgriep opnieuw is uitgebroken;")
        + "\nOuwehand\n\nkst-36410-XIV-23\nISSN 0921 - 7371\n’s-Gravenhage 2023\n"
    )
    doc = read(tmp_path, text)
    assert doc.kind == "motie"
    assert doc.kamerstuk == "36410-XIV-23"
    assert doc.motions[0].kamerstuk == "36410-XIV-23"
    assert names(doc.motions[0]) == ["Ouwehand"]


def test_amended_motion_document_replaces_number_in_its_dossier(tmp_path):
    text = (
        "36 410 XII Vaststelling van de begrotingsstaten van het Ministerie van Infrastructuur en Waterstaat "
        "(XII) voor het jaar 2024\n\n"
        "Nr. 47 GEWIJZIGDE MOTIE VAN HET LID TIELEN TER VERVANGING VAN DIE GEDRUKT ONDER NR. 12\n\n"
        "Voorgesteld 21 november 2023\n\n"
        + _with_clause("constaterende dat de N33 een van de gevaarlijkste wegen van het land is;")
        + "\nTielen\n"
    )
    doc = read(tmp_path, text)
    assert doc.kind == "gewijzigde-motie"
    assert doc.kamerstuk == "36410-XII-47"
    motion = doc.motions[0]
    assert motion.kamerstuk == "36410-XII-47"
    assert motion.replaces == "36410-XII-12"
    assert names(motion) == ["Tielen"]


def test_ocr_motion_as_handed_in_prints_only_its_number(tmp_path):
    text = (
        "36410-V-49\n\n"
        "Motie van het lid Dassen over sancties tegen oligarchen\n\n"
        "De Kamer,\n\nGehoord de beraadslaging,\n\n"
        "Constaterende dat bevroren tegoeden nog altijd worden vrijgegeven;\n\n"
        "Verzoekt de regering in Europees verband te pleiten voor strengere controle,\n\n"
        "En gaat over tot de orde van de dag.\n\n"
        "Dassen\n\n"
        "7 februari 2024\n"
    )
    doc = read(tmp_path, text)
    assert doc.kind == "motie"
    assert doc.kamerstuk == "36410-V-49"
    assert doc.date == dt.date(2024, 2, 7)
    motion = doc.motions[0]
    assert names(motion) == ["Dassen"]
    assert len(motion.considerations) == 1 and len(motion.dictum) == 1


def test_debate_document_is_handelingen_with_both_motions(tmp_path):
    doc = read(tmp_path, "Aan de orde is het debat over de justitiebegroting.\n\n" + DEBATE)
    assert doc.kind == "handelingen"
    assert [m.kamerstuk for m in doc.motions] == ["36410-VI-12", "36410-VI-13"]


def test_letter_mentioning_a_motion_is_no_motion_document(tmp_path):
    text = (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
        "Datum 3 april 2024\n"
        "Betreft Uitvoering motie over loketten\n\n"
        "Geachte voorzitter,\n\n"
        "Met deze brief geef ik invulling aan de motie van het lid Jansen over de openingstijden van de "
        "loketten (Kamerstuk 36410-VI, nr. 44).\n\n"
        "De Minister van Justitie en Veiligheid,\n"
    )
    doc = read(tmp_path, text)
    assert doc.kind not in ("motie", "gewijzigde-motie")
    assert doc.motions == []


# -- found in review -----------------------------------------------------------------------------

def test_a_motion_without_its_close_does_not_swallow_the_next():
    text = ("De Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering de wachttijden te halveren,\n\n"
            "De Kamer,\n\ngehoord de beraadslaging,\n\nconstaterende dat de opvang vol is;\n\n"
            "verzoekt de regering extra plekken te openen,\n\nen gaat over tot de orde van de dag.\n\nJansen\n")
    motions = find_motions(source_lines(text))
    assert [m.dictum[0].text for m in motions] == ["verzoekt de regering de wachttijden te halveren,",
                                                   "verzoekt de regering extra plekken te openen,"]
    assert not motions[0].sponsors and [n for n, _s, _e in motions[1].sponsors] == ["Jansen"]


def test_a_cut_off_motion_ends_with_its_last_clause():
    text = ("De Kamer,\n\ngehoord de beraadslaging,\n\nconstaterende dat de opvang vol is;\n\n"
            "verzoekt de regering extra plekken\nte openen in\n\nDe heer Jansen (VVD):\n\nVoorzitter, ik heb een vraag.\n")
    [motion] = find_motions(source_lines(text))
    assert text[motion.start:motion.end].endswith("te openen in")


def test_a_line_end_hyphen_before_a_conjunction_is_kept():
    text = ("De Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering het asiel-\nen migratiebeleid te herzien,\n\n"
            "en gaat over tot de orde van de dag.\n")
    [motion] = find_motions(source_lines(text))
    assert motion.dictum[0].text == "verzoekt de regering het asiel- en migratiebeleid te herzien,"


def test_two_numberless_motions_of_one_member_in_a_debate_are_two_motions(tmp_path):
    from kamergraaf.graph.build import build_graphs
    from kamergraaf.graph.iris import KG, Minter

    motion = ("De Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering {},\n\nen gaat over tot de orde van de dag.\n\n"
              "De voorzitter:\n\nDeze motie is voorgesteld door het lid Jansen. Naar mij blijkt, wordt zij voldoende ondersteund.\n\n")
    path = tmp_path / "debat.txt"
    path.write_text("Aan de orde is het tweeminutendebat Asielbeleid.\n\nDe heer Jansen (SP):\n\nIk dien twee moties in.\n\n"
                    + motion.format("de wachttijden te halveren") + "De heer Jansen (SP):\n\nEn de tweede.\n\n"
                    + motion.format("extra plekken te openen"), encoding="utf-8")
    doc = Pipeline().read(path)
    assert doc.kind == "handelingen" and len(doc.motions) == 2
    graphs = build_graphs(doc, Minter())
    from rdflib import Graph

    graph = Graph().parse(data=graphs.document + graphs.entities, format="nt")
    assert len(set(graph.subjects(KG.describedBy, None))) == 2
