"""From a processed :class:`Document` to RDF: the document's own named graph and the shared
descriptions of the entities it names (fracties, Kamerstukken, persons, motions).

Every IRI is minted from stable keys (file name, ordinal, identifiers), never from time or
chance, so ingesting the same document twice yields the same triples. The graphs are written as
N-Triples (what the store loads); the fracties' reference graph is a small rdflib Graph.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from .. import __version__
from ..extract import fracties, kamerstuk
from ..extract.document import Document, Fact, Part, Span
from ..extract.eu import eli
from ..extract.members import document_members
from ..extract.metadata import document_label
from ..extract.motions import sponsor_key
from ..extract.names import family_name
from .iris import DCTERMS, FOAF, KG, OA, ORG, OWL, PREFIXES, PROV, RDF, RDFS, SKOS, XSD, Minter
from .iris import slug as key_of
from .ntriples import NTriples, typed

DOCUMENT_TYPES = {
    "verslag-schriftelijk-overleg": KG.VerslagSchriftelijkOverleg,
    "kamerbrief": KG.Kamerbrief,
    "motie": KG.Motie,
    "gewijzigde-motie": KG.GewijzigdeMotie,
    "kamervragen": KG.Kamervragen,
    "antwoord-kamervragen": KG.AntwoordKamervragen,
    "lijst-vragen-antwoorden": KG.LijstVanVragenEnAntwoorden,
    "handelingen": KG.Handelingen,
    "document": KG.OverigDocument,
}
PART_CLASSES = {
    "question": KG.Question, "answer": KG.Answer, "passage": KG.Passage, "footnote": KG.Passage,
    "consideration": KG.Passage, "dictum": KG.Passage,
}
OUTCOMES = {"aangenomen": KG.Aangenomen, "verworpen": KG.Verworpen, "aangehouden": KG.Aangehouden,
            "ingetrokken": KG.Ingetrokken}
POSITIONS = {"voor": KG.Voor, "tegen": KG.Tegen, "niet deelgenomen": KG.NietDeelgenomen}
EURLEX = "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:{}"
PASSAGE_ROLES = {"passage": "section", "footnote": "footnote", "consideration": "consideration", "dictum": "dictum"}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


@dataclass
class DocumentGraphs:
    doc_id: str
    graph_iri: URIRef
    document: str  # the document's named graph, N-Triples
    entities: str  # descriptions of shared entities (go to the entities graph), N-Triples
    triples: int  # in the document's graph
    evidence: list[Selector]  # every selector written, to check against the source


@dataclass(frozen=True)
class Selector:
    iri: str
    exact: str
    start: int
    end: int


class EntityWriter:
    """Descriptions of shared entities (Kamerstukken, persons, motions, fracties) as N-Triples for
    the entities graph: the same keys give the same IRIs from a document and from a record."""

    def __init__(self, mint: Minter):
        self.mint = mint
        self.entities = NTriples()

    def kamerstuk(self, identifier: str) -> URIRef:
        iri = self.mint.kamerstuk(identifier)
        dossier, number = kamerstuk.split(identifier)
        e = self.entities
        e.add((iri, RDF.type, KG.Kamerstuk))
        e.add((iri, KG.identifier, identifier))
        e.add((iri, KG.dossier, dossier))
        if number.isdigit():
            e.add((iri, KG["number"], int(number)))
        else:  # Eerste Kamer papers have letters ("36120-VI-C")
            e.add((iri, KG.letter, number))
        e.add((iri, RDFS.label, f"Kamerstuk {identifier}"))
        e.add((iri, RDFS.seeAlso, URIRef(kamerstuk.url(identifier))))
        return iri

    def person(self, name: str) -> URIRef:
        """A person keyed by family name ("Inge van Dijk" → van Dijk; "el-Yassini" and "El Yassini"
        agree), the name as printed kept as a variant. The one label shown (rdfs:label, foaf:name)
        is chosen from every document's spelling in the derived graph (graph.derive)."""
        family = family_name(name)
        iri = self.mint.person(family)
        e = self.entities
        e.add((iri, RDF.type, KG.Person))
        e.add((iri, FOAF.familyName, family))
        e.add((iri, SKOS.altLabel, name))
        return iri

    def motion(self, data: dict) -> URIRef:
        iri = self.mint.motion(data["key"])
        e = self.entities
        e.add((iri, RDF.type, KG.Motion))
        if data["sponsors"]:  # as printed here; the one label is made in the derived graph (graph.derive)
            names = ", ".join(data["sponsors"])
            e.add((iri, SKOS.altLabel, f"Motie {names}" + (f" ({data['kamerstuk']})" if data.get("kamerstuk") else "")))
        if data.get("kamerstuk"):
            e.add((iri, KG.kamerstuk, self.kamerstuk(data["kamerstuk"])))
        for order, name in enumerate(data["sponsors"]):
            person = self.person(name)
            e.add((iri, KG.sponsor, person))
            if order == 0:  # printed first: the label names the first signer first
                e.add((iri, KG.firstSponsor, person))
            if name in data.get("parties", {}):
                e.add((person, KG.memberOf, self.mint.fractie(data["parties"][name])))
        return iri

    def fractie(self, printed: str, odata_id: str | None = None) -> URIRef:
        """A fractie as printed at the time: from the table by its open-data id or by name (names,
        aliases, one-member groups), or else a fractie of its own, labelled as printed."""
        known = (fracties.by_odata_id(odata_id) if odata_id else None) or fracties.lookup(printed)
        if known:
            return self.mint.fractie(known)
        iri = self.mint.fractie(key_of(printed))
        e = self.entities
        e.add((iri, RDF.type, KG.Fractie))
        e.add((iri, SKOS.prefLabel, printed))
        e.add((iri, RDFS.label, printed))
        return iri


class GraphBuilder(EntityWriter):
    def __init__(self, doc: Document, mint: Minter, now: dt.datetime | None = None):
        super().__init__(mint)
        self.doc = doc
        self.now = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        self.g = NTriples()
        self.doc_iri = mint.document(doc.identifier)
        self.part_iris: dict[int, URIRef] = {}
        self.selectors: list[Selector] = []

    # -- helpers ---------------------------------------------------------------------------
    def evidence(self, subject: URIRef, span: Span, name: str = "evidence") -> URIRef:
        """Attach a W3C Web Annotation selector: exact text and [start, end) in the source."""
        selector = URIRef(f"{subject}/{name}")
        g = self.g
        g.add((subject, KG.evidence, selector))
        g.add((selector, RDF.type, KG.Evidence))
        g.add((selector, OA.exact, span.exact))
        g.add((selector, OA.start, span.start))
        g.add((selector, OA.end, span.end))
        g.add((selector, DCTERMS.source, self.doc_iri))
        self.selectors.append(Selector(str(selector), span.exact, span.start, span.end))
        return selector

    # -- document --------------------------------------------------------------------------
    def build(self) -> DocumentGraphs:
        doc, g, d = self.doc, self.g, self.doc_iri
        g.add((d, RDF.type, KG.Document))
        g.add((d, KG.sourceFile, doc.name))
        g.add((d, KG.sha256, doc.sha256))
        g.add((d, KG["format"], doc.format))
        g.add((d, KG.sourceText, doc.source))
        g.add((d, KG.documentType, DOCUMENT_TYPES.get(doc.kind, KG.OverigDocument)))
        g.add((d, RDFS.label, document_label(doc)))  # title, else kind, number and date; the file name only as kg:sourceFile
        if doc.title:
            g.add((d, DCTERMS.title, doc.title))
            if doc.title_span:
                self.evidence(d, doc.title_span, "title-evidence")
        if doc.date:
            g.add((d, DCTERMS.date, typed(doc.date, XSD.date)))
            if doc.date_span:
                self.evidence(d, doc.date_span, "date-evidence")
        if doc.kamerstuk:
            g.add((d, KG.isKamerstuk, self.kamerstuk(doc.kamerstuk)))
        if doc.committee:
            g.add((d, KG.committee, doc.committee))
        for index, signatory in enumerate(doc.signatories, 1):
            signature = URIRef(f"{d}/signature/{index}")
            g.add((d, KG.signature, signature))
            g.add((signature, RDF.type, KG.Signature))
            g.add((signature, KG.signer, self.person(signatory.name)))
            g.add((signature, KG.role, signatory.role))
            self.evidence(signature, signatory.span)
        for part in doc.parts:
            self.part(part)
        for part in doc.parts:
            self.facts(part)
        self.footnote_links()
        self.motion_document()
        self.printed_members()
        self.vote_events()
        self.provenance()
        # Kept with the document (a literal, so not asserted twice): the entities graph is rebuilt
        # from these when a document changes (graph.store.KnowledgeStore.refresh_entities).
        g.add((self.mint.graph(doc.identifier), KG.sharedDescriptions, self.entities.text()))
        return DocumentGraphs(doc.identifier, self.mint.graph(doc.identifier), g.text(), self.entities.text(),
                              len(g), self.selectors)

    def part(self, part: Part) -> URIRef:
        g = self.g
        iri = self.mint.part(self.doc.identifier, part.kind, part.ordinal)
        self.part_iris[id(part)] = iri
        g.add((iri, RDF.type, PART_CLASSES[part.kind]))
        g.add((iri, DCTERMS.isPartOf, self.doc_iri))
        g.add((iri, KG.ordinal, part.ordinal))
        g.add((iri, KG.text, part.text))
        g.add((iri, RDFS.label, self.part_label(part)))
        self.evidence(iri, part.span)
        if part.kind in PASSAGE_ROLES:
            g.add((iri, KG.passageRole, PASSAGE_ROLES[part.kind]))
        if part.title:
            g.add((iri, DCTERMS.title, part.title))
        if part.footnote is not None:
            g.add((iri, KG.footnoteNumber, part.footnote))
        for slug in part.fracties:
            g.add((iri, KG.askedBy, self.mint.fractie(slug)))
        if part.answers is not None:
            g.add((iri, KG.answers, self.part_iris[id(part.answers)]))
        return iri

    # -- extracted facts -------------------------------------------------------------------
    def facts(self, part: Part) -> None:
        part_iri = self.part_iris[id(part)]
        for index, fact in enumerate(part.facts, 1):
            node = URIRef(f"{part_iri}/{fact.kind}/{index}")
            handler = getattr(self, "fact_" + fact.kind.replace("-", "_"))
            handler(part, part_iri, node, fact)

    def mention(self, part_iri: URIRef, node: URIRef, fact: Fact, entity: URIRef) -> None:
        """part kg:mentions entity, and a kg:Mention node that holds the evidence."""
        g = self.g
        g.add((part_iri, KG.mentions, entity))
        g.add((part_iri, KG.hasMention, node))
        g.add((node, RDF.type, KG.Mention))
        g.add((node, KG.about, entity))
        self.evidence(node, fact.span)

    def fact_kamerstuk(self, part, part_iri, node, fact) -> None:
        self.mention(part_iri, node, fact, self.kamerstuk(fact.data["identifier"]))

    def fact_reference(self, part, part_iri, node, fact) -> None:
        self.mention(part_iri, node, fact, self.parliamentary_reference(fact.data))

    def parliamentary_reference(self, data: dict) -> URIRef:
        iri = self.mint("ref", data["reference_kind"], data["key"])
        e = self.entities
        e.add((iri, RDF.type, KG.ParliamentaryReference))
        e.add((iri, KG.referenceKind, data["reference_kind"]))
        e.add((iri, RDFS.label, f"{data['reference_kind']} {data['key']}"))
        if data.get("date"):
            e.add((iri, DCTERMS.date, typed(data["date"], XSD.date)))
        return iri

    def fact_eu_instrument(self, part, part_iri, node, fact) -> None:
        data = fact.data
        iri = self.mint("eu", data["celex"] or data["key"])
        e = self.entities
        e.add((iri, RDF.type, KG.EUInstrument))
        e.add((iri, RDFS.label, data["label"]))
        if data["celex"]:
            e.add((iri, KG.celex, data["celex"]))
            e.add((iri, RDFS.seeAlso, URIRef(EURLEX.format(data["celex"]))))
            if eli(data["celex"]):
                e.add((iri, OWL.sameAs, URIRef(eli(data["celex"]))))
        self.mention(part_iri, node, fact, iri)

    def fact_motion(self, part, part_iri, node, fact) -> None:
        self.mention(part_iri, node, fact, self.motion(fact.data))

    def fact_commitment(self, part, part_iri, node, fact) -> None:
        g, data = self.g, fact.data
        g.add((node, RDF.type, KG.Commitment))
        g.add((node, KG.commitmentType, KG.Toezegging if data["type"] == "toezegging" else KG.Beleidsinzet))
        g.add((node, KG.statedIn, part_iri))
        g.add((node, KG.actor, self.actor(data["actor"])))
        g.add((node, KG.text, " ".join(fact.span.exact.split())))
        g.add((node, RDFS.label, f"{'Toezegging' if data['type'] == 'toezegging' else 'Beleidsinzet'} — {self.doc.name}"))
        if data.get("deadline_text"):
            g.add((node, KG.deadlineText, data["deadline_text"]))
            # The phrase itself, with its offsets: where "medio 2025" stands in the source.
            phrase = URIRef(f"{node}/deadline")
            g.add((node, KG.deadlinePhrase, phrase))
            g.add((phrase, RDF.type, KG.DeadlinePhrase))
            self.evidence(phrase, self.doc.span(*part.joined.source_span(*data["deadline_offsets"])))
        if data.get("deadline"):  # the interval the phrase allows (extract/deadlines.py); kg:deadline is its end
            if data.get("deadline_start"):  # none for "voor 1 juli 2025" in an undated document
                g.add((node, KG.deadlineStart, typed(data["deadline_start"], XSD.date)))
            g.add((node, KG.deadlineEnd, typed(data["deadline"], XSD.date)))
            g.add((node, KG.deadline, typed(data["deadline"], XSD.date)))
        question = data.get("in_response_to")
        if question is not None:
            g.add((node, KG.inResponseTo, self.part_iris[id(question)]))
        self.evidence(node, fact.span)

    def actor(self, actor: str) -> str:
        """"ik" is the signing bewindspersoon, when the document says who signed."""
        if actor == "ik" and len(self.doc.signatories) == 1:
            return self.doc.signatories[0].role
        return actor

    def fact_claim(self, part, part_iri, node, fact) -> None:
        g, data = self.g, fact.data
        for number, (kind, key) in enumerate(data.get("targets", []), 1):
            claim = URIRef(f"{node}/{number}")
            g.add((claim, RDF.type, KG.FulfilmentClaim))
            g.add((claim, KG.claimedIn, part_iri))
            g.add((claim, KG.claimType, KG.Fulfils if data["claim_type"] == "fulfils" else KG.InLineWith))
            g.add((claim, KG.text, " ".join(fact.span.exact.split())))
            g.add((claim, RDFS.label, f"Claim ({'voert uit' if data['claim_type'] == 'fulfils' else 'in lijn met'}) — {self.doc.name}"))
            g.add((claim, KG.target, self.claim_target(part, kind, key)))
            self.evidence(claim, fact.span)

    def claim_target(self, part: Part, kind: str, key: str) -> URIRef:
        if kind == "motion":
            motion = next(f for p in self.doc.parts for f in p.facts_of("motion") if f.data["key"] == key)
            return self.motion(motion.data)
        # A commitment made elsewhere (a debate, an earlier letter): known by where it was made.
        iri = self.mint("toezegging", key)
        e = self.entities
        e.add((iri, RDF.type, KG.Commitment))
        e.add((iri, KG.commitmentType, KG.Toezegging))
        if key.startswith("debat-"):
            debate = self.mint("ref", "commissiedebat", key[len("debat-"):])
            e.add((iri, KG.madeAt, debate))
            e.add((iri, RDFS.label, f"Toezegging in het commissiedebat van {key[len('debat-'):]}"))
            e.add((debate, RDF.type, KG.ParliamentaryReference))
            e.add((debate, KG.referenceKind, "commissiedebat"))
            e.add((debate, RDFS.label, f"commissiedebat {key[len('debat-'):]}"))
        else:
            e.add((iri, RDFS.label, f"Eerdere toezegging genoemd in {self.doc.name}"))
        return iri

    def fact_crossref(self, part, part_iri, node, fact) -> None:
        target = self.part_iris[id(fact.data["target"])]
        self.g.add((part_iri, KG.refersTo, target))
        self.mention(part_iri, node, fact, target)

    def fact_repeat(self, part, part_iri, node, fact) -> None:
        self.g.add((part_iri, KG.repeats, self.part_iris[id(fact.data["target"])]))

    def part_label(self, part: Part) -> str:
        names = {"question": "Vraag", "answer": "Antwoord", "passage": "Passage", "footnote": "Voetnoot",
                 "consideration": "Overweging", "dictum": "Dictum"}
        label = f"{names[part.kind]} {part.footnote if part.footnote is not None else part.ordinal}"
        if part.fracties:
            label += " (" + ", ".join(fracties.label(s) for s in part.fracties) + ")"
        if part.kind == "answer" and part.answers is not None and part.answers.fracties:
            label += " (" + ", ".join(fracties.label(s) for s in part.answers.fracties) + ")"
        return f"{label} — {self.doc.name}"

    def footnote_links(self) -> None:
        """The part whose text carries marker n → the footnote n of the same document."""
        notes = {p.footnote: self.part_iris[id(p)] for p in self.doc.parts if p.kind == "footnote"}
        for part in self.doc.parts:
            for block in part.blocks:
                for marker in block.markers:
                    if marker.number in notes and part.kind != "footnote":
                        self.g.add((self.part_iris[id(part)], KG.hasFootnote, notes[marker.number]))

    def printed_members(self) -> None:
        """Each member the document names with a fractie ("het lid Boomsma (NSC)", "De heer Eerdmans
        (JA21):"): the person's kg:memberOf, and a kg:Membership holding the first such words and
        the document's date (one per member and fractie: a debate names its speakers often)."""
        doc = self.doc
        seen = set()
        for found, span in document_members(doc):
            person, fractie = self.person(found.name), self.mint.fractie(found.fractie)
            if (person, fractie) in seen:
                continue
            seen.add((person, fractie))
            self.entities.add((person, KG.memberOf, fractie))
            membership = URIRef(f"{self.doc_iri}/membership/{len(seen)}")
            g = self.g
            g.add((membership, RDF.type, KG.Membership))
            g.add((membership, ORG.member, person))
            g.add((membership, ORG.organization, fractie))
            if doc.date:
                g.add((membership, DCTERMS.date, typed(doc.date, XSD.date)))
            self.evidence(membership, span)

    def motion_document(self) -> None:
        """Each motion whose text stands in the document (a motion document's own, those submitted
        in a debate) is described by it: same IRI as its mentions elsewhere (by number, else by
        sponsors), sponsors, dictum, the motion it replaces, evidence of its text."""
        doc = self.doc
        numberless = [sponsor_key([n for n, _s, _e in m.sponsors]) for m in doc.motions if not m.kamerstuk]
        for index, found in enumerate(doc.motions):
            sponsors = [name for name, _s, _e in found.sponsors]
            number = found.kamerstuk
            if not number and not sponsors:
                continue
            key = number or "s-" + sponsor_key(sponsors)
            if not number and numberless.count(sponsor_key(sponsors)) > 1:
                key = f"{doc.identifier}-{index + 1}"  # two motions of the same members, numbers not given: two motions
            motion = self.motion({"key": key, "kamerstuk": number, "sponsors": sponsors})
            self.g.add((motion, KG.describedBy, self.doc_iri))
            if found.replaces:
                self.g.add((motion, KG.replaces, self.motion({"key": found.replaces, "kamerstuk": found.replaces,
                                                               "sponsors": sponsors})))
            dictum = next((p for p in doc.parts if p.kind == "dictum" and p.motion == index), None)
            if dictum is not None:
                self.g.add((motion, KG.dictum, dictum.text))
            for order, (_name, start, end) in enumerate(found.sponsors, 1):
                self.evidence(motion, doc.span(start, end), f"evidence/{doc.identifier}/sponsor/{order}")
            self.evidence(motion, doc.span(found.start, found.end), f"evidence/{doc.identifier}")
            if doc.date and doc.kind in ("motie", "gewijzigde-motie"):
                self.g.add((motion, DCTERMS.date, typed(doc.date, XSD.date)))

    def vote_events(self) -> None:
        """The document's decisions on motions (Handelingen): outcome, how each fractie named voted,
        the tally of a hoofdelijke stemming, each with the chair's words as evidence."""
        doc = self.doc
        occasion = doc.date.isoformat() if doc.date else doc.identifier
        for found in doc.votes:
            if not found.motion:
                continue
            motion = self.motion({"key": found.motion, "kamerstuk": found.motion, "sponsors": found.sponsors})
            event = self.mint.vote_event(found.motion, occasion)
            g = self.g
            g.add((event, RDF.type, KG.VoteEvent))
            g.add((event, KG.onMotion, motion))
            g.add((event, KG.outcome, OUTCOMES[found.outcome]))
            g.add((event, RDFS.label, f"Stemming over motie {found.motion}" + (f" ({doc.date:%d-%m-%Y})" if doc.date else "")))
            g.add((event, DCTERMS.source, self.doc_iri))
            if doc.date:
                g.add((event, DCTERMS.date, typed(doc.date, XSD.date)))
            if found.unanimous:
                g.add((event, KG.unanimous, typed("true", XSD.boolean)))
            if found.tally:
                g.add((event, KG.seatsFor, found.tally[0]))
                g.add((event, KG.seatsAgainst, found.tally[1]))
            if found.remainder:
                g.add((event, KG.othersVoted, POSITIONS[found.remainder]))
            if found.replaces:
                g.add((motion, KG.replaces, self.motion({"key": found.replaces, "kamerstuk": found.replaces,
                                                          "sponsors": found.sponsors})))
            self.evidence(event, doc.span(found.start, found.end), f"evidence/{doc.identifier}")
            for position in found.positions:
                fractie = self.fractie(position.name)
                vote = URIRef(f"{event}/{fractie.rsplit('/', 1)[-1]}")
                g.add((event, KG.vote, vote))
                g.add((vote, RDF.type, KG.Vote))
                g.add((vote, KG.fractie, fractie))
                g.add((vote, KG.position, POSITIONS[position.position]))
                g.add((vote, RDFS.label, f"{position.name}: {position.position}"))
                self.evidence(vote, doc.span(position.start, position.end), f"evidence/{doc.identifier}")

    def provenance(self) -> None:
        g, doc = self.g, self.doc
        graph_iri = self.mint.graph(doc.identifier)
        run = self.mint("run", doc.identifier, doc.sha256[:16])
        agent = self.mint("software", "kamergraaf", __version__)
        g.add((graph_iri, PROV.wasGeneratedBy, run))
        g.add((graph_iri, PROV.wasDerivedFrom, self.doc_iri))
        g.add((run, RDF.type, PROV.Activity))
        g.add((run, RDFS.label, f"kamergraaf {__version__} extraction of {doc.name}"))
        g.add((run, PROV.used, self.doc_iri))
        g.add((run, PROV.startedAtTime, typed(self.now, XSD.dateTime)))
        g.add((run, PROV.wasAssociatedWith, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, f"kamergraaf {__version__}"))


def reference_graph(mint: Minter) -> Graph:
    """Fracties from ontology/fracties.csv: stable IRIs and labels for every document to use."""
    g = new_graph()
    for slug, row in fracties.table().items():
        iri = mint.fractie(slug)
        g.add((iri, RDF.type, KG.Fractie))
        g.add((iri, SKOS.prefLabel, Literal(row["label"])))
        g.add((iri, RDFS.label, Literal(row["label"])))
        if row["name_nl"] and row["name_nl"] != row["label"]:
            g.add((iri, FOAF.name, Literal(row["name_nl"], lang="nl")))
        for alias in filter(None, row["aliases"].split("|")):
            g.add((iri, SKOS.altLabel, Literal(alias)))
        # the name history: open-data ids, when the fractie sat, which fractie took its place
        for fractie_id in filter(None, row["odata_ids"].split("|")):
            g.add((iri, DCTERMS.identifier, Literal(fractie_id)))
        for field, prop in (("active_from", KG.activeFrom), ("active_until", KG.activeUntil)):
            if row[field]:
                g.add((iri, prop, Literal(row[field], datatype=XSD.date)))
        if row["succeeded_by"]:
            g.add((iri, DCTERMS.isReplacedBy, mint.fractie(row["succeeded_by"])))
    return g


def build_graphs(doc: Document, mint: Minter, now: dt.datetime | None = None) -> DocumentGraphs:
    return GraphBuilder(doc, mint, now).build()
