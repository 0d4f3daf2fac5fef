"""Commitments, one per sentence: toezeggingen (promises to the Kamer: inform it, send a letter,
report back, do what it asked) and beleidsinzet (explicit forward-looking or continuing
commitments of the government to act or advocate).

Not commitments: opinions and present policy without a future or continuing promise, what others
(the Commission, other states) will do, promises only to consider. The rules are about the
grammar of such promises in Dutch government prose, not about particular documents.
"""
from __future__ import annotations

import datetime as dt
import re

from . import deadlines
from .patterns import Guarded, GuardedAny, literal_view
from .references import Found
from .sentences import sentences

I = re.IGNORECASE
GOVERNMENT = (r"(?:het kabinet|kabinet|nederland|ik|wij|we|de regering|de minister(?: van [A-Z][\w ]+?| voor [A-Z][\w ]+?)?|"
              r"de staatssecretaris(?: van [A-Z][\w ]+?)?|de bewindspersonen?)")
KAMER = r"(?:uw kamer|de kamer|de tweede kamer|u)"

TOEZEGGING = [
    # "U wordt hierover nader geïnformeerd", "Uw Kamer zal … worden geïnformeerd"
    re.compile(r"\b" + KAMER + r"\b[^.;]{0,60}?\b(?:wordt|worden|zal|zullen)\b[^.;]{0,140}?"
               r"\b(?:geïnformeerd|ingelicht|op de hoogte (?:gehouden|gesteld)|meegenomen)\b", I),
    # "Tevens zal de Kamer … op de hoogte gehouden worden"
    re.compile(r"\b(?:zal|zullen|wordt|worden)\s+" + KAMER + r"\b[^;]{0,140}?"
               r"\b(?:geïnformeerd|ingelicht|op de hoogte (?:gehouden|gesteld))\b", I),
    # "zal de Kamer hierover op korte termijn informeren", "zal u … informeren"
    re.compile(r"\b(?:zal|zullen|ga|gaat|gaan|wil)\b[^;]{0,80}?\b" + KAMER + r"\b[^;]{0,200}?"
               r"\b(?:informeren|inlichten|berichten|rapporteren|op de hoogte (?:houden|stellen)|geïnformeerd houden|(?:toe)?(?:sturen|zenden))\b", I),
    # "stuurt het kabinet uw Kamer … een brief", "ontvangt uw Kamer … een brief", "een brief naar uw Kamer sturen"
    re.compile(r"\b(?:stuurt|stuur|sturen|zendt|zenden)\b[^.;]{0,80}?\b" + KAMER + r"\b[^.;]{0,80}?\b(?:brief|rapportage|overzicht|kabinetsreactie|reactie)\b", I),
    re.compile(r"\b(?:ontvangt|krijgt|ontvangen)\s+" + KAMER + r"\b[^.;]{0,80}?\b(?:brief|rapportage|overzicht|reactie)\b", I),
    re.compile(r"\b" + KAMER + r"\s+(?:ontvangt|krijgt)\b[^.;]{0,80}?\b(?:brief|rapportage|overzicht|reactie)\b", I),
    re.compile(r"\b" + KAMER + r"\b[^.;]{0,40}?\b(?:zal|zullen)\b[^.;]{0,80}?\b(?:ontvangen|toegestuurd krijgen)\b", I),
    re.compile(r"\b(?:brief|reactie)\b[^.;]{0,40}?\b(?:naar|aan)\s+" + KAMER + r"\b[^.;]{0,40}?\b(?:sturen|zenden|toesturen)\b", I),
    # "kan de leden van D66 toezeggen dat …", "heeft … de toezegging gedaan dat …"
    re.compile(r"\btoe(?:zeggen|zegt|gezegd)\s+dat\b|\btoezegging gedaan dat\b", I),
    # "zal … terugkomen op", "kom ik hierop terug"
    re.compile(r"\b(?:zal|zullen|kom|komt|komen)\b[^.;]{0,100}?\bterug\s?(?:komen|op)\b", I),
    # "Deze documenten zal ik uw Kamer volgende week doen toekomen", "zal ik de Kamer … aanbieden"
    re.compile(r"\b(?:zal|zullen|ga|gaan)\b[^.;]{0,80}?\b" + KAMER + r"\b[^.;]{0,120}?\b(?:(?:doen )?toekomen|aanbieden|voorleggen|"
               r"verstrekken|toezenden|doen toekomen)\b", I),
    # "Ik zeg u toe dat …", "zeg ik de Kamer toe", "Ik zou graag toezeggen om …", "kan ik toezeggen"
    re.compile(r"\b(?:zeg|zeggen)\s+(?:ik|wij|we)\b[^.;]{0,60}?\btoe\b|\b(?:ik|wij|we)\s+(?:zeg|zeggen)\b[^.;]{0,60}?\btoe\b|"
               r"\b(?:wil|kan|zou|zal)\s+(?:ik\s+|wij\s+|we\s+)?(?:graag\s+|best\s+|u\s+|de kamer\s+)?toezeggen\b", I),
    # "met een fraudeaanpak richting de Kamer te komen", "kom ik naar de Kamer met een brief"
    re.compile(r"\b(?:kom|komt|komen)\b[^.;]{0,100}?\b(?:richting|naar|bij) (?:de|uw) kamer\b|"
               r"\b(?:richting|naar|bij) (?:de|uw) kamer\b[^.;]{0,40}?\b(?:te )?komen\b", I),
    # "Dat gesprek ga ik aan", "dat wij dat gesprek gaan voeren", "ga ik met de gemeenten in gesprek"
    re.compile(r"\b(?:gesprek|overleg|dialoog)\b[^.;]{0,30}?\b(?:ga|gaan|zal|zullen)\s+(?:ik|wij|we)\b[^.;]{0,20}?\baan\b|"
               r"\b(?:gesprek|overleg)\b[^.;]{0,20}?\b(?:gaan|zullen|zal)\s+(?:voeren|aangaan)\b|"
               r"\b(?:ga|gaan|zal|zullen)\s+(?:ik|wij|we)\b[^.;]{0,60}?\bin (?:gesprek|overleg)\b", I),
    # "In mei doe ik u de uitkomst … toekomen", "Ik kom nog voor de zomer met een brief aan de Kamer"
    re.compile(r"\b(?:doe|doen)\s+(?:ik|wij|we)\s+(?:u|uw kamer|de kamer)\b[^.;]{0,100}?\btoekomen\b|"
               r"\b(?:kom|komt|komen)\s+(?:ik|wij|we|het kabinet)\b[^.;]{0,60}?\bmet een (?:brief|reactie|plan|voorstel|notitie|"
               r"aanpak|visie|rapportage|kabinetsreactie)\b", I),
    # "Ik zal haar … meenemen voor het gesprek", "neem ik mee in de brief"
    re.compile(r"\b(?:zal|zullen)\s+(?:ik|wij|we)\b[^.;]{0,80}?\bmeenemen\b|\b(?:ik|wij|we)\s+(?:zal|zullen)\b[^.;]{0,80}?\bmeenemen\b|"
               r"\bneem (?:ik|wij|we)\b[^.;]{0,60}?\bmee in\b", I),
]
BELEIDSINZET = [
    # "Het kabinet zal …", "Nederland blijft …", "Het kabinet is voornemens …"
    re.compile(r"\b" + GOVERNMENT + r"\s+(?:zal|zullen|blijft|blijven|is voornemens|zijn voornemens|gaat|gaan|wil|continueert)\b", I),
    # "Dit zal het kabinet blijven doen", "Hiervoor zal ik ook pleiten"
    re.compile(r"\b(?:zal|zullen|blijft|blijven|wil)\s+" + GOVERNMENT + r"\b", I),
    # "Het kabinet steunt de Commissie hierin en zal hiervoor aandacht vragen"
    re.compile(r"\b" + GOVERNMENT + r"\b[^;]{3,200}?[,]?\s+en\s+(?:zal|zullen|blijft|blijven)\b", I),
    # "blijft de inzet van het kabinet er op gericht"
    re.compile(r"\bblijft de inzet van (?:het kabinet|nederland)\b", I),
    # "pleit het kabinet op de aankomende JBZ-Raad voor …"
    re.compile(r"\b(?:pleit|pleiten|zet|vraagt)\s+" + GOVERNMENT + r"\b[^.;]{0,60}\b(?:aankomende|komende|eerstvolgende)\b", I),
    # "dat Nederland tijdens zijn EU-voorzitterschap … aandacht wil schenken"
    re.compile(r"\bdat\s+" + GOVERNMENT + r"\b[^.;,]{3,120}?\b(?:zal|zullen|wil|willen)\b", I),
]
# Each test below is a Guarded pattern: most sentences lack the words it needs and are not scanned.
TOEZEGGING_INFORM, ANY_TOEZEGGING, ANY_BELEIDSINZET = GuardedAny(TOEZEGGING[:2]), GuardedAny(TOEZEGGING), GuardedAny(BELEIDSINZET)
ANY_COMMITMENT = GuardedAny(TOEZEGGING + BELEIDSINZET).union  # one literal test before any of them
# Promises only to consider, and sentences about what others will do, are not commitments.
ONLY_CONSIDER = Guarded(re.compile(r"\b(?:overwegen|bezien|bestuderen|beziet|onderzoeken of|bekijken of|kijken of|nagaan of|afwachten)\b", I))
OTHERS_FIRST = Guarded(re.compile(
    r"^\W*(?:de |het |een )?(?:europese )?(?:commissie|raad|lidstaten|voorzitterschap|frontex|euaa|eu|parlement|"
    r"europees parlement|unhcr|iom|agentschap|ind|coa)\b[^.;]{0,60}?\b(?:zal|zullen|wil)\b", I))
# Who attends a meeting, the letter itself arriving ("ontvangt u deze brief nu"), and what will
# have to be done ("zullen we moeten beoordelen") promise nothing.
NOT_A_PROMISE = Guarded(re.compile(r"\b(?:zal|zullen)\b[^.;]{0,80}?\b(?:deelnemen|aanwezig zijn|vertegenwoordigd worden|vertegenwoordigen)\b\W*$|"
                                   r"\b(?:ontvangt|krijgt) (?:u|uw kamer) (?:deze|hierbij|bijgaand)\b|\bstuur ik u hierbij\b|"
                                   r"\b(?:zal|zullen)\b[^.;,]{0,30}?\bmoeten\b", I))
# The speaker announcing what they are about to say ("Ik zal er nu kort iets over zeggen"): unless
# it is said of a letter to come.
ANNOUNCING = Guarded(re.compile(r"(?:^\W*(?:\w+\s+){0,2}(?:ik|wij|we)\s+(?:wil|willen|zal|zullen|ga|gaan)|\b(?:wil|zal|zullen|ga|gaan) (?:ik|wij|we))\b"
                                r"[^.;]{0,60}?\b(?:zeggen|reageren|ingaan|opmerken|beginnen|aangeven|toelichten|benadrukken|afsluiten|"
                                r"antwoorden|beantwoorden|stilstaan|noemen|bespreken|spreken|praten)\b", I))
PAST_ONLY = Guarded(re.compile(r"\b(?:heb|heeft|hebben|had|hadden|werd|werden)\b[^.;]{0,60}?\b(?:geïnformeerd|gestuurd|toegezegd)\b[^.;]*$", I))

SPOKEN_PROMISE = re.compile(r"\b(?:zal|zullen)\s+(?:ik|wij|we)\b|\b(?:ik|wij|we)\b[^.;,]{0,30}?\b(?:zal|zullen)\b|"
                            r"\b(?:wil|zou) (?:ik|wij|we)\b[^.;,]{0,10}?\bgraag\b|\b(?:ik|wij|we) (?:wil|willen)\b[^.;,]{0,10}?\bgraag\b", I)
# What a minister promises in the Kamer in spoken words: the letter to come ("Daar wil ik in mijn
# brief nader op ingaan", "Anders maak ik daar een aparte brief van", "Die brief komt er aan"),
# "U hoort dat half mei", "Laat ik die vraag aan de inspectie stellen", "Ik wil daarop terugkomen".
DEBATE_TOEZEGGING = GuardedAny([
    re.compile(r"\b(?:ik|wij|we)\s+(?:zal|zullen|ga|gaan|kom|komen|wil|willen)\b[^.;]{0,60}?\b(?:in|met) (?:mijn|de|een|die|deze|dezelfde|een aparte|de volgende|een nieuwe) brief\b|"
               r"\b(?:zal|zullen|ga|gaan|kom|komen|wil|willen)\s+(?:ik|wij|we)\b[^.;]{0,60}?\b(?:in|met) (?:mijn|de|een|die|deze|dezelfde|een aparte|de volgende|een nieuwe) brief\b|"
               r"\bmaak (?:ik|wij|we)\b[^.;]{0,40}?\bbrief\b|"
               r"\bbrief\b[^.;]{0,20}?\b(?:toezeggen|komt er(?: inderdaad| dus| zeker)? aan)\b", I),
    re.compile(r"\b(?:u|uw kamer|de kamer) (?:hoort|krijgt|ontvangt) (?:dat|dit|het|daarover|hierover|dat dan|de uitkomst)\b", I),
    re.compile(r"\blaat ik\b(?![^.;]{0,20}\bvoorop\b)[^.;]{0,80}?\b(?:meenemen|stellen|navragen|nagaan|uitzoeken|terugkom(?:en)?|bekijken)\b(?!\s+dat\b)", I),
    re.compile(r"\b(?:wil|kan) (?:ik|wij|we)\b[^.;]{0,40}?\bterug(?:komen| op)\b|\b(?:ik|wij|we) (?:wil|willen)\b[^.;]{0,40}?\bterugkomen\b", I),
])
# In a debate, "ik wil …" is rarely a promise: only with "graag" and a deed, or as a plain "ja".
SPOKEN_WISH_ONLY = re.compile(r"\b(?:wil|willen)\b", I)
SPOKEN_PLEDGE = re.compile(r"\b(?:zal|zullen|ga|gaan|gaat|blijf|blijft|blijven|voornemens|graag)\b|^\W*ja\b", I)


def commitments(text: str, doc_date: dt.date | None = None, debate: bool = False) -> list[Found]:
    """Commitments in `text`, one per sentence, with type, actor and deadline (its phrase, offsets
    and, where computable, its interval: deadline_start to deadline, see deadlines.py). In a debate
    (`debate`: what a minister says in the Kamer) a "zal" said to the Kamer is a toezegging: the
    Kamer records it so."""
    found = []
    for start, end in sentences(text):
        sentence = text[start:end]
        if sentence.rstrip().endswith("?"):
            continue  # a question promises nothing
        kind = _kind(sentence, debate)
        if kind is None:
            continue
        data = {"type": kind, "actor": _actor(sentence)}
        deadline = deadlines.resolve(sentence, doc_date)
        if deadline:
            data["deadline_text"] = deadline.exact
            data["deadline_offsets"] = (start + deadline.offsets[0], start + deadline.offsets[1])
            if deadline.computable:
                data["deadline_start"], data["deadline"] = deadline.start, deadline.end
        found.append(Found("commitment", start, end, data))
    return found


def _kind(sentence: str, debate: bool = False) -> str | None:
    lowered = literal_view(sentence)
    spoken = debate and DEBATE_TOEZEGGING.search(sentence, lowered)
    if not spoken and not ANY_COMMITMENT.may_occur_in(lowered):
        return None  # most sentences: none of the words a commitment needs
    if ONLY_CONSIDER.search(sentence, lowered) and not TOEZEGGING_INFORM.search(sentence, lowered):
        return None
    if spoken or ANY_TOEZEGGING.search(sentence, lowered) and not PAST_ONLY.search(sentence, lowered):
        kind = "toezegging"
    elif OTHERS_FIRST.search(sentence, lowered):
        return None
    elif ANY_BELEIDSINZET.search(sentence, lowered):
        kind = "beleidsinzet"
        if debate and SPOKEN_PROMISE.search(sentence):
            kind = "toezegging"  # a "zal" said to the Kamer: the Kamer records it as a toezegging
        elif debate and SPOKEN_WISH_ONLY.search(sentence) and not SPOKEN_PLEDGE.search(sentence):
            return None
    else:
        return None
    if NOT_A_PROMISE.search(sentence, lowered):
        return None
    if not spoken and ANNOUNCING.search(sentence, lowered) and "brief" not in sentence.lower():
        return None
    return kind


def _actor(sentence: str) -> str:
    match = re.search(r"\b(kabinet|regering|nederland|minister(?: van [A-Z][\w ]+?| voor [A-Z][\w ]+?)?|staatssecretaris(?: van [A-Z][\w ]+?)?)(?=\b)", sentence, I)
    if match:
        return match.group(1).lower() if match.group(1).lower() in ("kabinet", "regering", "nederland") else match.group(1)
    if re.search(r"\b(?:ik|mij|mijn)\b", sentence, I):
        return "ik"
    return "kabinet"
