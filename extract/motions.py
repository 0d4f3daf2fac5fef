"""Motion mentions: "motie van het lid Brekelmans (Kamerstuk 36 200 VI, nr. 23)",
"motie-Brekelmans en Veldkamp", "motie Van Haersma Buma c.s.", "de Motie Veldkamp c.s.<sup>18</sup>",
"motie van de leden Van Haersma Buma (CDA), Pechtold (D66) en Van der Staaij (SGP)".

:func:`motion_mentions` is pure: text in, mentions with sponsors (as printed), the fracties printed
with them, and a Kamerstuk number when one stands right next to the mention.
"""
from __future__ import annotations

import re

from . import fracties
from .names import family_key
from .patterns import Guarded, literal_view
from .references import Found, kamerstuk_references
from .sentences import sentence_at

PREFIX_WORD = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ee]l|[Ll]e|[Ll]a|[Ii]n|'t|[Hh]et)"
NAME = (
    r"(?:" + PREFIX_WORD + r"[ -])*"
    r"[A-ZÀ-Ý][a-zà-ÿĀ-ſ'’]+(?:-[A-Za-zÀ-ÿĀ-ſ][a-zà-ÿĀ-ſ'’]+)*"
    # a second part: "Klaas de Vries", "Otwin van Dijk", "Haersma Buma"
    r"(?:\s(?:" + PREFIX_WORD + r"\s)*[A-ZÀ-Ý][a-zà-ÿĀ-ſ'’]+(?:-[A-Za-zÀ-ÿĀ-ſ][a-zà-ÿĀ-ſ'’]+)*(?=[\s,./)]|$))?"
    r"(?![a-zà-ÿĀ-ſ'’])(?!-\s)"  # not the first half of "Vreemdelingen- en asielbeleid"
)
PARTY = r"\s*\((?!Kamerstuk|KST|[Kk]st|\d)[^()]{1,25}\)"  # "(CDA)", not "(Kamerstuk …)"
MENTION = Guarded(re.compile(
    r"\b[Mm]oties?(?:-|\s+)(?:van\s+(?:het\s+(?:[Kk]amer)?lid|de\s+(?:[Kk]amer)?leden)\s+)?"
    r"(?P<names>" + NAME + r"(?:" + PARTY + r")?"
    r"(?:(?:\s*,\s*|\s+en\s+|\s*/\s*)" + NAME + r"(?:" + PARTY + r")?)*)"
    r"(?P<cs>\s+c\.s\.)?"
))
ONE_NAME = re.compile(r"(?P<name>" + NAME + r")(?:\s*\((?P<party>[^()]{1,25})\))?")
# Words that look like names after "motie van de …" but are not persons.
NOT_NAMES = {"kamer", "commissie", "raad", "regering", "staten-generaal", "tweede", "eerste", "eu", "minister",
             "staatssecretaris", "kabinet", "leden", "fractie", "europese"}


def sponsor_key(names: list[str]) -> str:
    """Order-free key of a sponsor set: "Rajkowski/Boomsma" and "Boomsma en Rajkowski" agree."""
    return "+".join(sorted(family_key(n) for n in names))


def motion_mentions(text: str) -> list[Found]:
    found = []
    for match in MENTION.finditer(text, literal_view(text)):
        sponsors, parties = [], {}
        for name_match in ONE_NAME.finditer(match.group("names")):
            name = name_match.group("name").strip()
            if name.split()[-1].lower() in NOT_NAMES or name.lower() in NOT_NAMES:
                continue
            sponsors.append(name)
            if name_match.group("party"):
                slugs = fracties.parse(name_match.group("party"))
                if slugs:
                    parties[name] = slugs[0]
        if not sponsors:
            continue
        data = {"sponsors": sponsors, "parties": parties, "cs": bool(match.group("cs"))}
        # A number printed after the mention in its sentence: "(Kamerstuk 36 200 VI, nr. 23)", also
        # after a clause ("ingediend bij het debat van 24 maart jl. (Kamerstuk 21 501-20, nr. 963)"),
        # unless another motion is named first.
        sentence_end = sentence_at(text, match.start())[1]
        tail = text[match.end() : min(sentence_end, match.end() + 160)]
        next_motion = MENTION.pattern.search(tail)
        for ref in kamerstuk_references(tail):
            if next_motion and next_motion.start() < ref.start:
                break
            if ref.start <= 15 or tail[: ref.start].rstrip().endswith("(") or tail[ref.start] == "(":
                data["kamerstuk"] = ref.data["identifier"]
                break
        # … or right before it, as in a footnote: "32 317, nr. 813 Motie van het lid Eerdmans".
        if "kamerstuk" not in data:
            head_start = max(0, match.start() - 90)
            for ref in kamerstuk_references(text[head_start : match.start()]):
                if match.start() - (head_start + ref.end) <= 3:
                    data["kamerstuk"] = ref.data["identifier"]
        found.append(Found("motion", match.start(), match.end(), data))
    return found
