"""Fulfilment claims: sentences in which the government claims that a motion or an earlier
commitment has been carried out (kg:Fulfils: "ten uitvoering gebracht", "als uitgevoerd beschouw",
"voldoe ik aan de toezegging", "zoals … heeft toegezegd") or that it acts in line with it
(kg:InLineWith: "conform", "indachtig", "in lijn met", "sluit aan bij", "zie ik als aanmoediging").

:func:`claims` is pure: it finds claim sentences and says what kind of target they name (a motion,
a commitment, or whatever the footnotes of the sentence list); resolving the target to a node is
the pipeline component's work.
"""
from __future__ import annotations

import re

from .patterns import Guarded, GuardedAny, literal_view
from .references import Found
from .sentences import sentences

I = re.IGNORECASE
MOTION_WORDS = r"(?:motie|moties)"
COMMITMENT_WORDS = r"(?:toezegging|toezeggingen|toegezegd|toezeggen)"
FULFILS = [
    re.compile(r"\bten uitvoering (?:gebracht|te hebben gebracht)\b", I),
    re.compile(r"\bals (?:uitgevoerd|afgedaan) (?:beschouw|beschouwt|beschouwen|te beschouwen)\b", I),
    # "… is hiermee voldaan" closing a part (a full stop defeats the $), not "… is nog niet uitgevoerd"
    re.compile(r"\b(?:is|zijn|wordt|worden)\b(?![^.;]{0,40}\b(?:niet|geen)\b)[^.;]{0,40}\b(?:uitgevoerd|afgedaan|voldaan)\b[^.;]{0,10}$", I),
    re.compile(r"\b(?:reeds|hiermee|daarmee|hierbij|daarbij) (?:is|zijn|wordt|worden)\b[^.;]{0,60}\b(?:uitgevoerd|afgedaan)\b", I),
    re.compile(r"\b(?:reeds|al)\s+(?:af is gedaan|is afgedaan|uitgevoerd is|is uitgevoerd)\b", I),
    re.compile(r"\bvoldoe(?:n|t)? (?:ik|wij|we|het kabinet)?\s*(?:hiermee |daarmee |tevens |hierbij )*aan (?:de|het|mijn|onze|een) (?:toezegging|verzoek|motie)", I),
    re.compile(r"\b(?:kom|komt|komen) (?:ik|wij|we|het kabinet) (?:hiermee |daarmee |tevens )*tegemoet aan\b", I),
    re.compile(r"\bzoals (?:ik|wij|de staats?secretaris|de minister|het kabinet|de bewindspersoon)\b[^.;]{0,80}?\b(?:heeft|hebben|heb)\s+toegezegd\b(?![^.;]{0,40}\b(?:zal|zullen)\b)", I),
    # "Hiermee acht ik de motie (als) uitgevoerd", "achten wij de toezegging afgedaan" (not "… niet …")
    re.compile(r"\bacht(?:en|t)?\b(?![^.;]{0,80}\b(?:niet|geen|nog)\b)[^.;]{0,80}?\b(?:(?:als|voor) )?(?:uitgevoerd|afgedaan|afgehandeld)\b", I),
    # "beschouw ik de motie als afgedaan", "… beschouwt het kabinet als uitgevoerd"
    re.compile(r"\bbeschouw(?:t|en)?\b[^.;]{0,80}?\bals (?:afgedaan|uitgevoerd|afgehandeld)\b", I),
    # "geef ik invulling aan de motie", "voer ik de toezegging uit", "kom ik de toezegging na"
    re.compile(r"\b(?:geef|geeft|geven) (?:ik|wij|we|het kabinet)\b[^.;]{0,40}?\b(?:invulling|uitvoering|gevolg) aan (?:de|het|mijn|onze|een|deze)\b"
               r"[^.;]{0,20}?\b(?:motie|moties|toezegging|toezeggingen|verzoek)", I),
    re.compile(r"\b(?:voer|voert|voeren) (?:ik|wij|we|het kabinet)\b[^.;]{0,40}?\b(?:motie|moties|toezegging|toezeggingen)\b[^.;]{0,40}?\buit\b", I),
    re.compile(r"\b(?:kom|komt|komen) (?:ik|wij|we|het kabinet)\b[^.;]{0,40}?\b(?:toezegging|toezeggingen)\b[^.;]{0,40}?\bna\b", I),
    # "doe ik met deze brief een aantal toezeggingen aan uw Kamer gestand"
    re.compile(r"\b(?:doe|doet|doen)\b[^.;]{0,60}?\b(?:toezegging|toezeggingen|belofte)\b[^.;]{0,60}?\bgestand\b", I),
    # "… heb ik toegezegd dat ik in deze brief zou ingaan op …"
    re.compile(r"\btoegezegd\b[^.;]{0,200}?\b(?:in|met) deze brief\b|\b(?:in|met) deze brief\b[^.;]{0,200}?\btoegezegd\b", I),
    # "Hierbij informeer ik u, zoals toegezegd in het commissiedebat van …"
    re.compile(r"\b(?:hierbij|hiermee|met deze brief|in deze brief|bijgaand)\b[^.;]{0,80}?\bzoals (?:is |eerder |door mij )?toegezegd\b|"
               r"\bzoals (?:is |eerder |door mij )?toegezegd\b[^.;]{0,120}?\b(?:hierbij|hiermee|met deze brief|in deze brief|bijgaand)\b", I),
]
# The letter announcing itself ("ontvangt u deze brief nu", "Met deze brief informeer ik u") right
# after the sentence that recalls the promise it keeps.
THIS_LETTER = Guarded(re.compile(r"\b(?:ontvangt|krijgt) (?:u|uw kamer) (?:deze brief|hierbij|bijgaand)\b|"
                         r"\b(?:met|in) deze brief (?:informeer|bericht|stuur|zend|bied)\b|\b(?:informeer|bericht) (?:ik|wij) u hierbij\b", I))
RECALLED_PROMISE = re.compile(r"\btoegezegd\b|\btoezegging", I)
IN_LINE_WITH = [
    re.compile(r"\b(?:conform|indachtig|overeenkomstig|in lijn met|in de geest van|in navolging van|ter uitvoering van|gelet op)\s+"
               r"(?:de|deze|die|een|het|mijn|eerdere|de eerdere|een eerdere|diverse)?\s*(?:eerdere\s+)?(?:" + MOTION_WORDS + "|" + COMMITMENT_WORDS + r")\b", I),
    # "conform de in het BNC-fiche geformuleerde inzet": an earlier stated government position
    re.compile(r"\b(?:conform|in lijn met|overeenkomstig)\s+(?:de|het)\s+[^;,]{0,60}?\b(?:eerder|eerdere|geformuleerde|"
               r"aangekondigde|genoemde|toegezegde|afgesproken)\b[^;,]{0,40}?\b(?:inzet|toezegging|afspraak|afspraken)\b", I),
    re.compile(r"\b" + MOTION_WORDS + r"\b[^;]{0,120}?\bsluit\b[^;]{0,60}?\baan bij\b", I),
    re.compile(r"\bsluit\b[^;]{0,60}?\baan bij\b[^;]{0,20}\b" + MOTION_WORDS + r"\b", I),
    re.compile(r"\b" + MOTION_WORDS + r"\b[^;]{0,160}?\bzie (?:ik|wij|het kabinet) als (?:een )?(?:extra |verdere )?(?:aanmoediging|ondersteuning|steun)\b", I),
]
# In priority order; guarded, so that a sentence lacking the words a pattern needs is not scanned.
PATTERNS = [("fulfils", Guarded(p)) for p in FULFILS] + [("in_line_with", Guarded(p)) for p in IN_LINE_WITH]
ANY_CLAIM = GuardedAny(FULFILS + IN_LINE_WITH).union  # one literal test before any of them


def claims(text: str) -> list[Found]:
    """Claim sentences with their type and the kind of target their wording names."""
    found = []
    previous = ""
    # Sentences are the unit; abbreviations such as "nr." and "c.s." do not end them, so the
    # patterns below may cross their dots.
    for start, end in sentences(text):
        sentence, recalled, previous = text[start:end], previous, text[start:end]
        if sentence.rstrip().endswith("?"):
            continue  # a question asks; it claims nothing
        lowered = literal_view(sentence)
        # The first pattern that matches decides; "fulfils" wins over "in line with".
        claim_type, match = next(((kind, m) for kind, pattern in PATTERNS if (m := pattern.search(sentence, lowered))),
                                 (None, None)) if ANY_CLAIM.may_occur_in(lowered) else (None, None)
        if claim_type is None and THIS_LETTER.search(sentence, lowered) and RECALLED_PROMISE.search(recalled):
            found.append(Found("claim", start, end, {"claim_type": "fulfils", "target": "commitment", "plural": False}))
            continue
        if claim_type is None:
            continue
        phrase = match.group()
        if re.search(COMMITMENT_WORDS + r"|\binzet\b|\bafspra", phrase, I):
            target = "commitment"
        elif re.search(MOTION_WORDS, phrase, I):
            target = "motion"
        else:
            target = "any"  # the motions or commitments the sentence (or its footnotes) names
        found.append(Found("claim", start, end, {"claim_type": claim_type, "target": target,
                                                 "plural": bool(re.search(r"\b(?:moties|toezeggingen)\b", sentence, I))}))
    return found
