"""The Stemmingen conventions, in sentences of our own (not the corpus's wording)."""
import pytest

from kamergraaf.extract.votes import votes


def one(text):
    [vote] = votes(text)
    return vote


def test_both_sides_named():
    vote = one("In stemming komt de motie-Jansen/De Boer (36 410 VI, nr. 88).\n\nDe voorzitter:\n\n"
               "Ik constateer dat de leden van de fracties van de VVD, NSC en het lid Keijzer voor deze motie hebben gestemd "
               "en de leden van de fracties van GroenLinks-PvdA en D66 ertegen, zodat zij is verworpen.")
    assert (vote.motion, vote.outcome, vote.sponsors) == ("36410-VI-88", "verworpen", ["Jansen", "De Boer"])
    assert [(p.name, p.position) for p in vote.positions] == [
        ("VVD", "voor"), ("NSC", "voor"), ("Lid Keijzer", "voor"), ("GroenLinks-PvdA", "tegen"), ("D66", "tegen")]
    assert vote.remainder is None


def test_only_the_against_side_named_the_rest_voted_for():
    text = ("In stemming komt de motie-Kops (21 501-20, nr. 2100).\nDe voorzitter:\nIk constateer dat de aanwezige leden van "
            "de fractie van de PVV tegen deze motie hebben gestemd en de aanwezige leden van de overige fracties ervoor, "
            "zodat zij is aangenomen.")
    vote = one(text)
    assert (vote.motion, vote.outcome, vote.remainder) == ("21501-20-2100", "aangenomen", "voor")
    assert [(p.name, p.position) for p in vote.positions] == [("PVV", "tegen")]
    assert text[vote.positions[0].start:vote.positions[0].end] == "PVV"


def test_unanimous_and_a_list_item_without_in_stemming_komt():
    vote = one("Aan de orde is de stemming over een motie, te weten:\n- de motie-Ceder over opvang (19637, nr. 3300).\n"
               "De voorzitter:\nIk constateer dat deze motie met algemene stemmen is aangenomen.")
    assert (vote.motion, vote.outcome, vote.unanimous) == ("19637-3300", "aangenomen", True)


@pytest.mark.parametrize("finding,tally,outcome", [
    ("Ik constateer dat de motie met 76 tegen 74 stemmen is aangenomen.", (76, 74), "aangenomen"),
    ("Voor de motie hebben 70 leden gestemd, ertegen 80. Zij is derhalve verworpen.", (70, 80), "verworpen"),
    ("Ik stel vast dat de motie met 41 stemmen voor en 34 stemmen tegen is aangenomen.", (41, 34), "aangenomen"),
])
def test_a_hoofdelijke_stemming_gives_the_tally(finding, tally, outcome):
    vote = one(f"In stemming komt de gewijzigde motie-Podt c.s. (36 200 VI, nr. 15, was nr. 9).\nDe voorzitter:\n{finding}")
    assert (vote.motion, vote.replaces, vote.tally, vote.outcome, vote.gewijzigd) == ("36200-VI-15", "36200-VI-9", tally, outcome, True)
    assert vote.sponsors == ["Podt"]


def test_eerste_kamer_letters():
    vote = one("In stemming komt de motie van het lid Van Apeldoorn c.s. over arbeidsmigratie (34 775-VI, letter N).\n"
               "De voorzitter: Ik constateer dat de leden van de fracties van de SP en de PvdD voor deze motie hebben gestemd "
               "en de leden van de overige fracties ertegen, zodat zij is verworpen.")
    assert (vote.motion, vote.outcome, vote.remainder) == ("34775-VI-N", "verworpen", "tegen")


def test_held_over_and_withdrawn():
    text = ("Op verzoek van de heer Brekelmans stel ik voor, zijn motie (36 600 VI, nr. 41) aan te houden. "
            "Op verzoek van mevrouw Podt stel ik voor, haar motie (36 600 VI, nr. 44) aan te houden.\n\nDaartoe wordt besloten.\n\n"
            "Aangezien de motie-Van Baarle (36 600 VI, nr. 50) is ingetrokken, maakt zij geen onderwerp van beraadslaging meer uit.")
    found = votes(text)
    assert [(v.motion, v.outcome) for v in found] == [
        ("36600-VI-41", "aangehouden"), ("36600-VI-44", "aangehouden"), ("36600-VI-50", "ingetrokken")]


def test_a_proposal_to_hold_that_is_not_decided_is_no_decision():
    text = "Op verzoek van de heer Brekelmans stel ik voor, zijn motie (36 600 VI, nr. 41) aan te houden. " + "Hier gaat het debat verder. " * 20
    assert votes(text) == []


def test_a_speaker_naming_a_motion_without_a_finding_is_no_vote():
    assert votes("Mevrouw Piri (PvdA): Ik ben blij met de motie-Piri/Kröger (19637, nr. 3143) en wacht op de brief.") == []


def test_deze_gewijzigde_motie_is_aangenomen():
    vote = one("In stemming komt de gewijzigde motie-Bikker (36 600 VI, nr. 60, was nr. 52).\nDe voorzitter:\nIk constateer "
               "dat de leden van de fracties van de ChristenUnie en de SGP voor deze gewijzigde motie hebben gestemd en de "
               "leden van de overige fracties ertegen, zodat deze gewijzigde motie is verworpen.")
    assert (vote.motion, vote.replaces, vote.outcome, vote.remainder) == ("36600-VI-60", "36600-VI-52", "verworpen", "tegen")
    assert [p.name for p in vote.positions] == ["ChristenUnie", "SGP"]
