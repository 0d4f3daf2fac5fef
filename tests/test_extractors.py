"""Each extractor alone, on varied sentences of our own (positive and negative), not on the seeds."""
import datetime as dt

import pytest

from kamergraaf.extract.claims import claims
from kamergraaf.extract.commitments import commitments
from kamergraaf.extract.eu import eli, eu_instruments
from kamergraaf.extract.motions import motion_mentions, sponsor_key
from kamergraaf.extract.references import kamerstuk_references, parliamentary_references
from kamergraaf.extract.sentences import sentences


@pytest.mark.parametrize("text,expected", [
    ("zie de brief (Kamerstuk 32 317, nr. 788) hierover", ["32317-788"]),
    ("Kamerstukken 19 637 en 30 573, nr. 2375", ["19637-2375"]),
    ("KST 29344, nr. 155", ["29344-155"]),
    ("Kamerstukken II 2023-2024, 32317, nr. 862", ["32317-862"]),
    ("de motie 36 410 VI nr. 85 van", ["36410-VI-85"]),
    ("(Kamerstuk 21 501-02, nr. 2358)", ["21501-02-2358"]),
    ("Kamerstuk 36 200 VI, nr. 23", ["36200-VI-23"]),
    ("Kamerstuk 36410-VI, nr. 79", ["36410-VI-79"]),
    ("Vergaderjaar 2023-24, 32317, nr. 866", ["32317-866"]),
    ("Kamerstuk 32 317, nrs. 12 en 13", ["32317-12", "32317-13"]),
    ("Kamerstukken 2023/2024 32 317, nr. 872 en Kamerstukken 2023/2024, 32 317, nr. 863", ["32317-872", "32317-863"]),
    ("In 2023 nam het aantal met 12 317 toe, nr. 1 in Europa.", []),
    ("Handelingen II 2014/15, nr. 66", []),
    ("de brief van 8 november jl.", []),
])
def test_kamerstuk_references(text, expected):
    assert [f.data["identifier"] for f in kamerstuk_references(text)] == expected


@pytest.mark.parametrize("text,kind,key", [
    ("(Handelingen II 2014/15, nr. 66)", "handelingen", "II-2014-15-66"),
    ("Aanhangsel van de Handelingen II, 2022-2023, nr. 1399", "aanhangsel", "II-2022-2023-1399"),
    ("zoals toegezegd tijdens het Commissiedebat van 30 juni 2023", "commissiedebat", "2023-06-30"),
    ("in het commissiedebat Vreemdelingen- en asielbeleid van 7 maart 2024", "commissiedebat", "2024-03-07"),
])
def test_parliamentary_references(text, kind, key):
    [found] = parliamentary_references(text)
    assert (found.kind, found.data["key"]) == (kind, key)


@pytest.mark.parametrize("text,sponsors,number", [
    ("n.a.v. de motie van het lid Brekelmans (Kamerstuk 36 200 VI, nr. 23)?", ["Brekelmans"], "36200-VI-23"),
    ("de motie-Brekelmans en Veldkamp (Kamerstuk 36410-VI, nr. 79)", ["Brekelmans", "Veldkamp"], "36410-VI-79"),
    ("Daarmee voldoe ik aan de toezegging over de motie Van Haersma Buma c.s. in relatie", ["Van Haersma Buma"], None),
    ("in lijn met de motie van de leden Kröger en Piri hierover", ["Kröger", "Piri"], None),
    ("conform de motie el-Yassini c.s.7 , het", ["el-Yassini"], None),
    ("de motie Rajkowski/Boomsma reeds af", ["Rajkowski", "Boomsma"], None),
    ("Kamerstukken 2022/2023, 32 317, nr. 813 Motie van het lid Eerdmans, ingediend d.d. 9 februari", ["Eerdmans"], "32317-813"),
    ("de motie van de leden Jansen (VVD) en De Vries (CDA), ingediend bij het debat van 4 mei jl. (Kamerstuk 21 501-20, nr. 9)",
     ["Jansen", "De Vries"], "21501-20-9"),
])
def test_motion_mentions(text, sponsors, number):
    [found] = motion_mentions(text)
    assert found.data["sponsors"] == sponsors
    assert found.data.get("kamerstuk") == number


def test_motion_mentions_negative_and_parties():
    assert motion_mentions("De brief is in lijn met de moties van uw Kamer.") == []
    assert motion_mentions("een motie van de Kamer over dit onderwerp") == []
    [found] = motion_mentions("de motie van de leden Van Haersma Buma (CDA), Pechtold (D66) en Van der Staaij (SGP)")
    assert found.data["parties"] == {"Van Haersma Buma": "cda", "Pechtold": "d66", "Van der Staaij": "sgp"}
    assert sponsor_key(["Rajkowski", "Boomsma"]) == sponsor_key(["Boomsma", "Rajkowski"])


@pytest.mark.parametrize("text,date,celex", [
    ("Verordening (EU) 2019/1896", None, ["32019R1896"]),
    ("Verordening (EU) nr. 604/2013", None, ["32013R0604"]),
    ("Richtlijn 2004/82/EG betreffende", None, ["32004L0082"]),
    ("Richtlijn (EU) 2024/1346", None, ["32024L1346"]),
    ("COM(2023) 755 final", None, ["52023PC0755"]),
    ("artikel 25bis van de Visumcode", None, ["32009R0810"]),
    ("de Dublinverordening en de Terugkeerrichtlijn", None, ["32013R0604", "32008L0115"]),
    ("de Eurodac- en Screening-verordening", dt.date(2022, 11, 20), ["52020PC0614", "52020PC0612"]),
    ("de nieuwe Eurodac-verordening en de screeningsverordening", dt.date(2025, 1, 29), ["32024R1358", "32024R1356"]),
    ("de Richtlijn Tijdelijke Bescherming", None, ["32001L0055"]),
    ("het Asiel- en Migratiepact", None, [None]),
    ("de Dublinoverdrachten naar Italië", None, []),
    ("Frontex en het EUAA", None, []),
])
def test_eu_instruments(text, date, celex):
    assert [f.data["celex"] for f in eu_instruments(text, date)] == celex


def test_eli_from_celex():
    assert eli("32019R1896") == "http://data.europa.eu/eli/reg/2019/1896/oj"
    assert eli("32008L0115") == "http://data.europa.eu/eli/dir/2008/115/oj"
    assert eli("52023PC0755") is None


@pytest.mark.parametrize("sentence,kind", [
    ("U wordt hierover nader geïnformeerd via de Geannoteerde Agenda.", "toezegging"),
    ("Conform een eerdere toezegging stuurt het kabinet uw Kamer voor de zomer een brief over deze verkenning.", "toezegging"),
    ("Ik heb kennisgenomen van het rapport en zal de Kamer hierover op korte termijn informeren.", "toezegging"),
    ("Het kabinet kan de leden van de SP toezeggen dat de evaluatie openbaar wordt.", "toezegging"),
    ("Tevens zal de Kamer via de geëigende wegen op de hoogte gehouden worden.", "toezegging"),
    ("De minister zal voor 1 oktober 2024 een brief naar uw Kamer sturen.", "toezegging"),
    ("Dit zal het kabinet blijven doen.", "beleidsinzet"),
    ("Hiervoor zal ik ook pleiten tijdens de aankomende JBZ-Raad.", "beleidsinzet"),
    ("Het kabinet zal de Commissie vragen de voorstellen uit te werken.", "beleidsinzet"),
    ("Nederland blijft zich inzetten voor terugkeersamenwerking.", "beleidsinzet"),
    ("Het kabinet is voornemens hier bij een nieuwe herziening opnieuw op in te zetten.", "beleidsinzet"),
    ("Het kabinet steunt het plan en zal dit in de Raad uitdragen.", "beleidsinzet"),
    ("Het kabinet is van mening dat dit een goede stap is.", None),
    ("Nederland steunt het voorstel.", None),
    ("De Commissie zal in het voorjaar een voorstel doen.", None),
    ("Het kabinet zal het voorstel nauwkeurig bestuderen.", None),
    ("In deze brief informeer ik u over de stand van zaken.", None),
    ("Uw Kamer werd eerder geïnformeerd over het akkoord.", None),
    ("Het kabinet zet zich in voor een sterke buitengrens.", None),
    ("Kan de staatssecretaris toezeggen dat hij de Kamer informeert?", None),
])
def test_commitments(sentence, kind):
    found = commitments(sentence, dt.date(2024, 4, 26))
    assert [f.data["type"] for f in found] == ([kind] if kind else [])


def test_deadlines():
    # The intervals themselves are tested in tests/test_deadlines.py; here: what a commitment carries.
    [found] = commitments("Uw Kamer ontvangt voor de zomer een brief over de uitkomst.", dt.date(2024, 4, 26))
    assert found.data["deadline_text"] == "voor de zomer" and found.data["deadline"] == dt.date(2024, 7, 4)
    assert found.data["deadline_start"] == dt.date(2024, 4, 26) and found.data["deadline_offsets"] == (18, 31)
    [found] = commitments("Ik zal de Kamer hierover op korte termijn informeren.", dt.date(2024, 4, 26))
    assert found.data["deadline_text"] == "op korte termijn" and "deadline" not in found.data
    [found] = commitments("Zodra het akkoord is gesloten zal uw Kamer worden geïnformeerd.", None)
    assert found.data["deadline_text"] == "Zodra het akkoord is gesloten"


@pytest.mark.parametrize("sentence,claim_type,target", [
    ("Hiermee acht ik de motie van het lid Keijzer hierover ten uitvoering gebracht.7", "fulfils", "any"),
    ("De brief is in lijn met toezeggingen en moties van uw Kamer, die ik met deze brief als uitgevoerd beschouw.", "fulfils", "any"),
    ("Hiermee is de motie van het lid De Jong uitgevoerd.", "fulfils", "motion"),
    ("Daarmee voldoe ik tevens aan de toezegging om in te gaan op het advies.", "fulfils", "commitment"),
    ("Ik informeer u hierbij over het akkoord, zoals de minister heeft toegezegd tijdens het debat.", "fulfils", "commitment"),
    ("De motie van het lid Brekelmans zie ik als extra aanmoediging van deze inzet.", "in_line_with", "motion"),
    ("Het kabinet zal dit blijven doen, indachtig de motie Brekelmans.", "in_line_with", "motion"),
    ("Het kabinet ziet er, conform de motie van de leden Kamminga en Amhaouch, op toe dat dit gebeurt.", "in_line_with", "motion"),
    ("De motie Van Haersma Buma c.s. sluit op dit punt aan bij het kabinetsbeleid.", "in_line_with", "motion"),
    ("Conform een eerdere toezegging stuurt het kabinet u een brief.", "in_line_with", "commitment"),
    ("Aan de motie is hiermee voldaan", "fulfils", "any"),  # a part's last sentence, without its full stop
])
def test_claims(sentence, claim_type, target):
    [found] = claims(sentence)
    assert (found.data["claim_type"], found.data["target"]) == (claim_type, target)


@pytest.mark.parametrize("sentence", [
    "De leden vragen of de motie van het lid Brekelmans wordt uitgevoerd?",
    "Het kabinet steunt het voorstel van de Commissie.",
    "De motie-Brekelmans en Veldkamp verzoekt de regering om te pleiten.",
    "Het voorstel sluit aan bij het coalitieakkoord.",
    "Zoals toegezegd zal de staatssecretaris u voor het zomerreces informeren.",
    "De motie is nog niet uitgevoerd",
    "Aan deze voorwaarde is niet voldaan!",
])
def test_not_claims(sentence):
    assert claims(sentence) == []


def test_sentences_do_not_end_at_abbreviations():
    text = "De motie (Kamerstuk 36 200 VI, nr. 23) is uitgevoerd. De heer E. van der Burg c.s. zal o.a. pleiten. Klaar."
    assert [text[s:e] for s, e in sentences(text)] == [
        "De motie (Kamerstuk 36 200 VI, nr. 23) is uitgevoerd.", "De heer E. van der Burg c.s. zal o.a. pleiten.", "Klaar."]


# -- issue 12: the wordings of real letters and debates, in sentences of our own ------------------

@pytest.mark.parametrize("text,expected", [
    ("Aan de orde is de stemming over de motie-De Vries (36 410, nr. 12) en (21501-20, nr. 2044).", {"36410-12", "21501-20-2044"}),
    ("Zij krijgt nr. 88 (36410-VI).", {"36410-VI-88"}),
    ("Deze motie krijgt nr. 7 (21 501-02).", {"21501-02-7"}),
    ("De brief (nr. 12) is verstuurd.", set()),  # a number without a dossier identifies nothing
])
def test_handelingen_references(text, expected):
    assert {f.data["identifier"] for f in kamerstuk_references(text)} == expected


@pytest.mark.parametrize("sentence,claim_type,target", [
    ("Met deze brief geef ik invulling aan de motie van het lid Bikker over de opvang.", "fulfils", "motion"),
    ("Hiermee geeft het kabinet uitvoering aan de toezegging aan het lid Podt.", "fulfils", "commitment"),
    ("Daarmee beschouw ik de motie-Van Dijk als afgedaan.", "fulfils", "motion"),
    ("Het kabinet beschouwt deze toezegging hiermee als afgehandeld.", "fulfils", "commitment"),
    ("Met deze brief voer ik de toezegging uit die ik in het debat heb gedaan.", "fulfils", "commitment"),
    ("Hiermee kom ik mijn toezegging aan de commissie na.", "fulfils", "commitment"),
    ("Tevens doe ik met deze brief de toezegging gestand om u te informeren over de pilot.", "fulfils", "commitment"),
    ("Hierbij ontvangt u, zoals toegezegd tijdens het commissiedebat van 4 april, de evaluatie.", "fulfils", "commitment"),
    ("Hiermee acht ik de motie-Eerdmans uitgevoerd.", "fulfils", "motion"),
    ("Met het verschijnen van het plan achten wij de motie van de leden Podt en Brekelmans als afgedaan.", "fulfils", "motion"),
])
def test_claims_in_other_words(sentence, claim_type, target):
    [found] = claims(sentence)
    assert (found.data["claim_type"], found.data["target"]) == (claim_type, target)


def test_the_letter_keeping_the_promise_the_sentence_before_recalls():
    text = ("In het debat van 3 maart heb ik toegezegd u voor de zomer te informeren over de wachttijden. "
            "Met deze brief informeer ik u over de stand van zaken.")
    [found] = claims(text)
    assert text[found.start:found.end].startswith("Met deze brief") and found.data["target"] == "commitment"
    assert claims("Met deze brief informeer ik u over de stand van zaken.") == []  # nothing recalled: no claim


@pytest.mark.parametrize("sentence", [
    "Ik geef invulling aan mijn taak als bewindspersoon.",
    "De Kamer vraagt of de motie als afgedaan kan worden beschouwd?",
    "Het lid Jansen heeft gevraagd of de toezegging wordt nagekomen.",
    "Ik acht de motie nog niet uitgevoerd, want het plan ontbreekt.",
    "Het kabinet acht het onverstandig de motie uit te voeren.",
])
def test_not_claims_in_other_words(sentence):
    assert claims(sentence) == []


@pytest.mark.parametrize("sentence,kind", [
    ("De stukken zal ik uw Kamer na het overleg doen toekomen.", "toezegging"),
    ("Ik zeg de Kamer toe dat de evaluatie in het najaar verschijnt.", "toezegging"),
    ("Ik wil best toezeggen om dat in de brief mee te nemen.", "toezegging"),
    ("Het kabinet zal voor het zomerreces met een plan richting de Kamer komen.", "toezegging"),
    ("Dat overleg ga ik aan, met de gemeenten erbij.", "toezegging"),
    ("Ik zal dit punt meenemen in het gesprek met de provincies.", "toezegging"),
    ("De Staatssecretaris zal de vergadering bijwonen en zal aan de lunch deelnemen.", None),
    ("De minister zal deelnemen.", None),
    ("In verband met het reces ontvangt u deze brief nu.", None),
    ("Ik wil daar kort iets over zeggen.", None),
    ("We gaan nu ingaan op de tweede motie.", None),
])
def test_commitments_in_letters_and_debates(sentence, kind):
    found = commitments(sentence)
    assert (found[0].data["type"] if found else None) == kind


def test_in_a_debate_a_zal_said_to_the_kamer_is_a_toezegging():
    sentence = "In de aanpak zullen we ook de kosten van de maatregelen schetsen."
    assert commitments(sentence)[0].data["type"] == "beleidsinzet"
    assert commitments(sentence, debate=True)[0].data["type"] == "toezegging"
    assert commitments("We gaan de komende periode aan de slag met de wachtlijsten.", debate=True)[0].data["type"] == "beleidsinzet"


@pytest.mark.parametrize("text,sponsors", [
    ("de motie-Bontenbal/Anne-Marijke Podt over de ggz", ["Bontenbal", "Anne-Marijke Podt"]),
    ("de motie-Van der Plas/Klaas de Vries (19637, nr. 836)", ["Van der Plas", "Klaas de Vries"]),
    ("de motie-Yeşilgöz-Zegerius over de opvang", ["Yeşilgöz-Zegerius"]),
    ("Stemmingen moties Asiel- en migratiebeleid", []),
])
def test_motion_mentions_with_longer_names(text, sponsors):
    found = motion_mentions(text)
    assert (found[0].data["sponsors"] if found else []) == sponsors


def test_motion_mention_takes_the_number_at_the_end_of_its_list_item():
    text = ("te weten: de motie-Jansen over opvang in gemeenten (36410, nr. 3); "
            "de motie-Pietersen over de IND (36410, nr. 4).")
    assert [(f.data["sponsors"], f.data.get("kamerstuk")) for f in motion_mentions(text)] == [
        (["Jansen"], "36410-3"), (["Pietersen"], "36410-4")]


@pytest.mark.parametrize("sentence,kind", [
    ("Daar wil ik in mijn brief na de zomer uitgebreider op ingaan.", "toezegging"),
    ("Anders maak ik daar een aparte brief van.", "toezegging"),
    ("Die brief komt er zeker aan.", "toezegging"),
    ("U hoort dat eind juni.", "toezegging"),
    ("Laat ik die vraag aan de IND zelf stellen.", "toezegging"),
    ("Ik wil daar graag op terugkomen bij de begroting.", "toezegging"),
    ("Dan wil ik graag een overzicht maken van de knelpunten.", "toezegging"),
    ("Ik denk dat ik dat zeker zal doen.", "toezegging"),
    ("Ik wil mevrouw Jansen er wel voor waarschuwen dat dit lastig is.", None),
    ("Ik zal er straks bij de moties nog iets over zeggen.", None),
    ("Daarna zullen we moeten beoordelen of het kan.", None),
    ("Ik zal even kijken of dat lukt.", None),
    ("Over de uitvoering zullen wij later verder spreken.", None),
])
def test_commitments_spoken_in_a_debate(sentence, kind):
    found = commitments(sentence, debate=True)
    assert (found[0].data["type"] if found else None) == kind


def test_spoken_forms_are_no_commitments_in_letters():
    assert commitments("U hoort dat eind juni.") == []
    assert commitments("Die brief komt er zeker aan.") == []


def test_a_sentence_saying_a_promise_is_kept_makes_no_new_one(tmp_path):
    from kamergraaf.extract.pipeline import Pipeline

    path = tmp_path / "brief.txt"
    path.write_text("Den Haag, 3 juli 2024\n\nIn het debat van 24 mei heb ik toegezegd dat ik in deze brief zou ingaan op "
                    "het lobbyregister.\n", encoding="utf-8")
    doc = Pipeline().read(path)
    kinds = [f.kind for p in doc.parts for f in p.facts]
    assert "claim" in kinds and "commitment" not in kinds


@pytest.mark.parametrize("sentence", [
    "Zoals ik in de brief aangaf, is de wachttijd gedaald.",
    "Ik heb in mijn brief van 3 mei uiteengezet waarom dat niet kan.",
    "Ik ben het niet eens met de brief van de gemeenten.",
    "Laat ik voorop stellen dat ik de zorgen deel.",
])
def test_no_debate_promise_in_what_was_written_or_a_preface(sentence):
    assert commitments(sentence, debate=True) == []


# -- document title, date and readable name (extract/metadata.py) ------------------------------

def _document(tmp_path, text, name="stuk.txt"):
    from kamergraaf.extract.pipeline import Pipeline

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Pipeline().read(path)


@pytest.mark.parametrize("text,title,date", [
    ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDatum 3 oktober 2023\n"
     "Onderwerp Voortgang van de spreidingswet\n\nGeachte voorzitter,\n\nHierbij informeer ik uw Kamer.\n",
     "Voortgang van de spreidingswet", dt.date(2023, 10, 3)),
    ("Aan de Voorzitter van de Eerste Kamer der Staten-Generaal\n\nDatum 12 juni 2025\nBetreft Reactie op de motie over de leges\n"
     "Ons kenmerk 123456\n\nHierbij stuur ik uw Kamer de reactie van de minister.\n",
     "Reactie op de motie over de leges", dt.date(2025, 6, 12)),
    # the Kamerstuk heading: the dossier's title (over two lines), the paper's own in capitals
    ("21 501-02 Raad Algemene Zaken en Raad\nBuitenlandse Zaken\n\nNr. 3999 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\n"
     "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n’s-Gravenhage, 2 februari 2021\n\nIk bericht uw Kamer over de Raad.\n",
     "Raad Algemene Zaken en Raad Buitenlandse Zaken; Brief van de Minister van Buitenlandse Zaken", dt.date(2021, 2, 2)),
    ("36 800 XX Vaststelling van de begrotingsstaten van het Ministerie van Asiel en Migratie (XX) voor het jaar 2026\n\n"
     "C VERSLAG VAN EEN SCHRIFTELIJK OVERLEG\n\nVastgesteld 3 maart 2026\n\nDe commissie heeft de minister vragen gesteld over de opvang.\n",
     "Vaststelling van de begrotingsstaten van het Ministerie van Asiel en Migratie (XX) voor het jaar 2026; "
     "Verslag van een schriftelijk overleg", dt.date(2026, 3, 3)),
    # the addressee and the date on one line, as in page copies
    ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal Den Haag, 9 januari 2024\n\nIn deze brief ga ik in op de motie.\n",
     "", dt.date(2024, 1, 9)),
    # page copies of an open-data record
    ("Brief regering : Stand van zaken van de opvang van ontheemden\n19 637 Vreemdelingenbeleid\nDen Haag, 4 april 2022\n"
     "Met deze brief informeer ik de Kamer.\n", "Stand van zaken van de opvang van ontheemden", dt.date(2022, 4, 4)),
    ("Voortgang aanpak overlast\nVreemdelingenbeleid\nBrief regering\nNummer: 2024D10001, datum: 2024-03-05, bijgewerkt: 2024-03-06\n"
     "De minister schrijft de Kamer.\n", "Voortgang aanpak overlast", dt.date(2024, 3, 5)),
    ("Kerngegevens\n\nOfficiële titel Migratiebeleid; Brief regering; Staat van migratie\nDocument date 07-08-2024\n\n"
     "De minister schrijft de Kamer.\n", "Migratiebeleid; Brief regering; Staat van migratie", dt.date(2024, 8, 7)),
    # Kamervragen: asked on, answered on (the answer's date wins in an answer)
    ("Vragen van het lid Jansen (SP) aan de Minister van Asiel en Migratie over wachttijden bij de IND (ingezonden 2 mei 2024).\n\n"
     "Vraag 1\nKent u het bericht?\n", "Vragen van het lid Jansen (SP) aan de Minister van Asiel en Migratie over wachttijden bij de IND",
     dt.date(2024, 5, 2)),
    ("Vragen van het lid Jansen (SP) aan de Minister van Asiel en Migratie over wachttijden (ingezonden 2 mei 2024).\n\n"
     "Antwoord van Minister Faber (Asiel en Migratie) (ontvangen\n30 mei 2024).\n\nVraag 1\nKent u het bericht?\n\nAntwoord 1\nJa.\n",
     "Vragen van het lid Jansen (SP) aan de Minister van Asiel en Migratie over wachttijden", dt.date(2024, 5, 30)),
    # a plenary record: its item heading, not the date of the earlier meeting it refers to
    ("8 Stemmingen moties Vreemdelingenbeleid\nAan de orde is de stemming over een motie, te weten:\n"
     "- de motie-Jansen over de opvang (19637, nr. 1).\n(Zie vergadering van 12 juni 2012.)\nDe voorzitter:\n"
     "Ik constateer dat de motie is aangenomen.\nDe heer Jansen (SP):\nDank u.\n", "Stemmingen moties Vreemdelingenbeleid", None),
    ("Aan de orde is het debat over het terugkeerbeleid.\nDe heer Jansen (SP):\nVoorzitter, ik dien een motie in.\nDe voorzitter:\n"
     "Dank u wel.\n", "Het debat over het terugkeerbeleid", None),
])
def test_title_and_date_by_the_conventions_of_parliamentary_documents(tmp_path, text, title, date):
    doc = _document(tmp_path, text)
    assert (doc.title, doc.date) == (title, date)
    if title:  # the evidence quotes the source
        assert doc.title_span.exact == doc.source[doc.title_span.start:doc.title_span.end]
    if date:
        assert str(date.year) in doc.date_span.exact == doc.source[doc.date_span.start:doc.date_span.end]


def test_a_prose_date_or_a_colophon_year_is_not_the_documents_date(tmp_path):
    doc = _document(tmp_path, "Geachte voorzitter,\n\nOp 3 mei 2024 sprak ik met de burgemeester van Den Haag, 5 mei was een feestdag.\n\n"
                              "kst-32317-806\nISSN 0921 - 7371\n’s-Gravenhage 2023\n")
    assert doc.date is None and doc.kamerstuk == "32317-806"


@pytest.mark.parametrize("text,name", [
    ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 16 mei 2024\n\nIn deze brief informeer ik u.\n\n"
     "De Staatssecretaris van Justitie en Veiligheid,\nE. van der Burg\n",
     "Kamerbrief van de Staatssecretaris van Justitie en Veiligheid, 16 mei 2024"),
    ("Vragen en opmerkingen van de leden van de VVD-fractie\n\nDe leden van de VVD-fractie hebben vragen. Kan de minister dit toelichten?\n\n"
     "Antwoord\nJa, dat kan het kabinet.\n\nTweede Kamer, vergaderjaar 2022–2023, 32 317, nr. 789 3\n",
     "Verslag schriftelijk overleg 32317-789"),
    ("Handeling\nTweede Kamer der Staten-Generaal2023-2024nr. 55, item 7\nDe voorzitter:\nIk open de vergadering.\n"
     "De heer Jansen (SP):\nVoorzitter.\n", "Handelingen TK 2023-2024 nr. 55, item 7"),
])
def test_a_document_without_title_is_named_by_kind_number_signer_and_date_never_its_file(tmp_path, text, name):
    from kamergraaf.extract.metadata import document_label

    doc = _document(tmp_path, text, "0042_a1b2c3.txt")
    assert not doc.title and document_label(doc) == name and "0042" not in document_label(doc)


@pytest.mark.parametrize("printed,title", [
    ("BRIEF VAN DE MINISTERS VAN JUSTITIE EN VEILIGHEID EN VOOR RECHTSBESCHERMING",
     "Brief van de Ministers van Justitie en Veiligheid en voor Rechtsbescherming"),
    ("MOTIE VAN DE LEDEN VAN HAERSMA BUMA EN VAN DER STAAIJ", "Motie van de leden Van Haersma Buma en Van der Staaij"),
    ("MOTIE VAN HET LID JASPER VAN DIJK C.S.", "Motie van het lid Jasper van Dijk c.s."),
    ("VERSLAG VAN EEN SCHRIFTELIJK OVERLEG", "Verslag van een schriftelijk overleg"),
    ("Motie van het lid Dijk over de opvang", "Motie van het lid Dijk over de opvang"),
])
def test_a_heading_in_capitals_as_a_title(printed, title):
    from kamergraaf.extract.metadata import heading_case

    assert heading_case(printed) == title
