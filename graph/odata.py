"""Records of the Tweede Kamer open data (Gegevensmagazijn, OData v4) → RDF: decisions (Besluit) on
motions with their votes (Stemming), the motion (Zaak) with its Kamerstuk number, sponsors and the
cabinet's appraisal.

A file holds an OData answer (``{"value": [...]}``), a bare list of records, or one record; records
nest as the ``$expand`` gave them (Besluit → Stemming, Zaak, Agendapunt → Activiteit; Stemming →
Besluit → Agendapunt → Zaak; Zaak → Document, Kamerstukdossier). The quirks this reads around
(../shared/fixtures/SOURCES.md): tombstones (``Verwijderd: true``) are skipped; names are not keys —
fracties are joined by Fractie_Id and labelled as printed at the time (ActorFractie); a member's row
in a split fractie carries the whole fractie's size (it counts one seat, and the fractie's own row
loses it); a declared mistake (``Vergissing``) is kept and not counted; a roll-call tally in
BesluitTekst ("Verworpen. (46-97)") is what the totals say when rows are missing; ``Volgnummer -1``
is no Kamerstuk; dates carry 0–7 decimals; titles trail spaces.

Every fact carries ``prov:wasDerivedFrom`` its record's OData IRI; the file is the graph's source.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from .. import __version__
from ..extract import kamerstuk
from ..extract.readers import MOJIBAKE_HINT, repair_mojibake
from .build import OUTCOMES, POSITIONS, EntityWriter
from .iris import DCTERMS, KG, PROV, RDF, RDFS, XSD, Minter
from .ntriples import NTriples, typed

ODATA = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
MAX_BYTES = 50_000_000
MAX_DEPTH = 40
APPRAISALS = {
    "overgenomen": KG.Overgenomen, "ontraden": KG.Ontraden, "ontraden, tenzij gewijzigd": KG.OntradenTenzijGewijzigd,
    "oordeel kamer": KG.OordeelKamer, "ontijdig": KG.Ontijdig, "overbodig": KG.Overbodig,
    "verzocht motie aan te houden": KG.VerzochtAanTeHouden, "geen (expliciete) appreciatie": KG.GeenAppreciatie,
    "niet beschikbaar bij gewijzigde moties en/of amendementen": KG.AppreciatieNietBeschikbaar,
}
REGISTER_STATUS = {"openstaand": KG.Openstaand, "voldaan": KG.Voldaan, "deels voldaan": KG.DeelsVoldaan,
                   "vervallen": KG.Vervallen}
KST = re.compile(r"kst-(\d{4,6}(?:-[0-9A-Z]+)?)-(\d{1,5})$")
TALLY = re.compile(r"\(\s*(\d{1,3})\s*-\s*(\d{1,3})\s*\)")
SPONSORS = re.compile(r"^\s*(?:Gewijzigde\s+)?[Mm]otie\s+van\s+(?:het\s+lid|de\s+leden)\s+(?P<names>.+?)\s+(?:over|ter|inzake|om)\b")


class NotOData(ValueError):
    """A JSON file that holds no Tweede Kamer open-data records; the message says why."""


@dataclass
class Decision:
    record: dict
    votes: dict[str, dict] = field(default_factory=dict)  # Stemming Id → record
    zaak: dict | None = None
    date: str | None = None


def is_syncfeed(head: bytes) -> bool:
    """Whether a file's first bytes are those of a SyncFeed page (Atom holding tkData records)."""
    return b"http://www.w3.org/2005/Atom" in head and b"tkData" in head


def read_records(path: str | Path) -> list[dict]:
    """The records of an OData file, as a list (value array, bare list or one record), or of a
    SyncFeed page (its entries' content, named as OData names them)."""
    data = Path(path).read_bytes()
    if len(data) > MAX_BYTES:
        raise NotOData(f"too large ({len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)")
    if is_syncfeed(data[:4096]):
        return syncfeed_records(data)
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise NotOData("not UTF-8") from None
    except (ValueError, RecursionError) as error:
        raise NotOData(f"not valid JSON ({str(error)[:80]})") from None
    payload = _repaired(payload)
    if isinstance(payload, dict) and isinstance(payload.get("value"), list):
        records = payload["value"]
    elif isinstance(payload, list):
        records = payload
    elif isinstance(payload, dict):
        records = [payload]
    else:
        raise NotOData("JSON, but no records")
    records = [r for r in records if isinstance(r, dict)]
    if not any("Id" in r for r in records):
        raise NotOData("JSON, but no open-data records (no record has an Id)")
    if _depth(payload) > MAX_DEPTH:
        raise NotOData(f"nested more than {MAX_DEPTH} levels deep")
    return records


INTEGERS = {"FractieGrootte", "Volgnummer", "AgendapuntZaakBesluitVolgorde"}
BOOLEANS = {"Vergissing", "Afgedaan", "GrootProject", "Verwijderd"}
# a reference in a SyncFeed record → the OData property it stands for
REFERENCES = {("besluit", "zaak"): "Zaak", ("stemming", "besluit"): "Besluit_Id", ("stemming", "fractie"): "Fractie_Id",
              ("stemming", "persoon"): "Persoon_Id"}


def syncfeed_records(data: bytes) -> list[dict]:
    """A SyncFeed page's records as OData records: ``<besluitSoort>`` → BesluitSoort, ``<zaak
    ref="…"/>`` in a besluit → Zaak [{Id}], ``verwijderd="true"`` → Verwijderd, ``xsi:nil`` → None,
    an element that repeats (a drifting feed's kamerbriefNakoming) → a list; prefixes (tk:, ns1:)
    do not matter."""
    from lxml import etree

    try:
        feed = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise NotOData(f"not well-formed XML ({error})") from None
    records = []
    for content in feed.iter("{http://www.w3.org/2005/Atom}content"):
        for element in content:
            if not isinstance(element.tag, str):
                continue
            kind = etree.QName(element).localname
            attributes = {etree.QName(k).localname: v for k, v in element.attrib.items()}
            record: dict = {"Id": attributes.get("id"), "Verwijderd": attributes.get("verwijderd") == "true",
                            "ApiGewijzigdOp": attributes.get("bijgewerkt")}
            for child in element:
                if not isinstance(child.tag, str):
                    continue
                name = etree.QName(child).localname
                ref = child.get("ref")
                if ref is not None:
                    target = REFERENCES.get((kind, name))
                    if target == "Zaak":
                        record.setdefault("Zaak", []).append({"Id": ref})
                    elif target:
                        record[target] = ref
                    continue
                key = name[:1].upper() + name[1:]
                nil = child.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true"
                value = None if nil else (child.text or "").strip()
                if value is not None and key in INTEGERS and value.lstrip("-").isdigit():
                    value = int(value)
                elif value is not None and key in BOOLEANS:
                    value = value == "true"
                if key in record and key not in ("Id", "Verwijderd", "ApiGewijzigdOp"):
                    previous = record[key]
                    record[key] = (previous if isinstance(previous, list) else [previous]) + [value]
                else:
                    record[key] = value
            if kind == "toezegging":
                record.setdefault("DatumNakoming", None)
            if record["Id"]:
                records.append(record)
    return records


def _repaired(value):
    """Strings with double-encoded UTF-8 ("CoÃ¶rdinatie") repaired, as the document readers do."""
    if isinstance(value, str):
        return repair_mojibake(value, []) if MOJIBAKE_HINT.search(value) else value
    if isinstance(value, dict):
        return {key: _repaired(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_repaired(item) for item in value]
    return value


def _depth(value, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level)
    return level


def safe(value) -> str:
    """A record's Id or number as a piece of an IRI: readable, and injective (see identifier_of)."""
    from ..extract.document import identifier_of

    return identifier_of(str(value))


def _live(record) -> bool:
    return isinstance(record, dict) and not record.get("Verwijderd")


def _date(value: str | None) -> str | None:
    """The day of an OData timestamp ("2026-10-06T15:00:00+02:00", 0–7 decimals): as written, local time."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})", value or "")
    return match.group(1) if match else None


def collect(records: list[dict]) -> tuple[dict[str, Decision], dict[str, dict]]:
    """Decisions (by Besluit Id) with their votes, zaak and date, and every motion Zaak (by Id)."""
    decisions, zaken, _ = collect_all(records)
    return decisions, zaken


def collect_all(records: list[dict]) -> tuple[dict[str, Decision], dict[str, dict], dict[str, dict]]:
    """As :func:`collect`, and the toezeggingen of the register (by Id)."""
    decisions: dict[str, Decision] = {}
    zaken: dict[str, dict] = {}
    toezeggingen: dict[str, dict] = {}

    def decision(besluit: dict) -> Decision:
        found = decisions.setdefault(besluit["Id"], Decision(besluit))
        found.record = {**found.record, **{k: v for k, v in besluit.items() if v is not None}}
        agendapunt = besluit.get("Agendapunt") if isinstance(besluit.get("Agendapunt"), dict) else {}
        activiteit = agendapunt.get("Activiteit") if isinstance(agendapunt.get("Activiteit"), dict) else {}
        found.date = found.date or _date(activiteit.get("Datum")) or _date(agendapunt.get("Aanvangstijd"))
        # the Zaak this Besluit decided: its own navigation; an agendapunt's zaken only when it has one
        own = [z for z in besluit.get("Zaak") or [] if _live(z)]
        listed = [z for z in agendapunt.get("Zaak") or [] if _live(z)]
        chosen = own[0] if len(own) == 1 else listed[0] if not own and len(listed) == 1 else None
        if chosen is not None:
            found.zaak = chosen
        for stemming in besluit.get("Stemming") or []:
            if _live(stemming):
                found.votes[stemming["Id"]] = stemming
        return found

    def visit(record: dict) -> None:
        if not _live(record) or "Id" not in record:
            return
        if "BesluitSoort" in record:
            decision(record)
        elif "FractieGrootte" in record or "ActorFractie" in record:
            besluit = record.get("Besluit")
            if _live(besluit) and "Id" in besluit:
                decision(besluit).votes[record["Id"]] = record
            elif record.get("Besluit_Id"):
                decisions.setdefault(record["Besluit_Id"], Decision({"Id": record["Besluit_Id"]})).votes[record["Id"]] = record
        if "KamerbriefNakoming" in record or "DatumNakoming" in record:
            toezeggingen[record["Id"]] = record
        if record.get("Soort") == "Motie" and re.fullmatch(r"\d{4}Z\d+", str(record.get("Nummer", ""))):
            zaken[record["Id"]] = {**zaken.get(record["Id"], {}), **record}
        for value in record.values():
            for nested in value if isinstance(value, list) else [value]:
                if isinstance(nested, dict):
                    visit(nested)

    for record in records:
        visit(record)
    for found in decisions.values():
        if found.zaak is not None and found.zaak.get("Id") in zaken:
            found.zaak = {**zaken[found.zaak["Id"]], **found.zaak}
    return decisions, zaken, toezeggingen


def motion_identifier(zaak: dict) -> str | None:
    """The motion's Kamerstuk id: its dossier and Volgnummer (-1: none), or the "kst-19637-3421" its
    Document's current version is published as."""
    dossiers = [d for d in zaak.get("Kamerstukdossier") or [] if isinstance(d, dict) and d.get("Nummer")]
    documents = [d for d in zaak.get("Document") or [] if _live(d)]
    number = zaak.get("Volgnummer")
    if number in (None, -1):
        number = next((d.get("Volgnummer") for d in documents if d.get("Volgnummer") not in (None, -1)), None)
    if dossiers and number not in (None, -1):
        toevoeging = str(dossiers[0].get("Toevoeging") or "").strip()
        try:
            dossier = kamerstuk.normalise_dossier(f"{dossiers[0]['Nummer']} {toevoeging}".strip())
            return f"{dossier}-{number}"
        except ValueError:
            pass
    for document in documents:
        version = document.get("HuidigeDocumentVersie") if isinstance(document.get("HuidigeDocumentVersie"), dict) else {}
        for value in (version.get("ExterneIdentifier"), document.get("ExterneIdentifier")):
            match = KST.match(str(value or ""))
            if match:
                return f"{match.group(1)}-{match.group(2)}"
    return None


def sponsors_of(zaak: dict) -> list[str]:
    """"Motie van het lid Ergin over …", "Motie van de leden Piri en Kröger over …" → the names."""
    match = SPONSORS.match(str(zaak.get("Onderwerp") or zaak.get("Titel") or ""))
    if not match:
        return []
    return [n.strip() for n in re.split(r"\s*,\s*|\s+en\s+", match.group("names")) if n.strip()]


class RecordGraphs(EntityWriter):
    """One open-data file's graph: its decisions on motions, with provenance per record."""

    def __init__(self, path: str | Path, data: bytes, mint: Minter, now: dt.datetime | None = None):
        super().__init__(mint)
        self.path = Path(path)
        self.identifier = identifier_of_file(self.path)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.file_iri = mint.document(self.identifier)
        self.graph_iri = mint.graph(self.identifier)
        self.g = NTriples()
        self.now = now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

    def derived(self, subject: URIRef, entity: str, record_id: str) -> None:
        self.g.add((subject, PROV.wasDerivedFrom, URIRef(f"{ODATA}{entity}({urllib.parse.quote(str(record_id), safe='')})")))
        self.g.add((subject, DCTERMS.source, self.file_iri))

    def build(self, records: list[dict]) -> int:
        """Write the graph; the number of decisions on motions, motions, toezeggingen and
        tombstones it holds."""
        decisions, zaken, toezeggingen = collect_all(records)
        written = 0
        # A tombstone retracts what any file imported from its record (graph.store: derived).
        for record in records:
            if isinstance(record, dict) and record.get("Verwijderd") and record.get("Id"):
                self.g.add((self.file_iri, KG.retractsRecord, str(record["Id"])))
                written += 1
        for toezegging in toezeggingen.values():
            written += self.toezegging(toezegging)
        for found in decisions.values():
            written += self.decision(found)
        for zaak in zaken.values():
            self.zaak(zaak)
            written += 1
        g = self.g
        g.add((self.file_iri, RDF.type, KG.SourceRecord))
        g.add((self.file_iri, KG.sourceFile, self.path.name))
        g.add((self.file_iri, KG.sha256, self.sha256))
        g.add((self.file_iri, RDFS.label, f"Open data: {self.path.name}"))
        run = self.mint("run", self.identifier, self.sha256[:16])
        agent = self.mint("software", "kamergraaf", __version__)
        g.add((self.graph_iri, PROV.wasDerivedFrom, self.file_iri))
        g.add((run, RDF.type, PROV.Activity))
        g.add((run, PROV.used, self.file_iri))
        g.add((run, PROV.startedAtTime, typed(self.now, XSD.dateTime)))
        g.add((run, PROV.wasAssociatedWith, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, f"kamergraaf {__version__}"))
        g.add((self.graph_iri, KG.sharedDescriptions, self.entities.text()))
        g.add((self.graph_iri, PROV.wasGeneratedBy, run))  # the completion mark
        return written

    def motion_of(self, zaak: dict) -> tuple[URIRef, str]:
        identifier = motion_identifier(zaak)
        key = identifier or f"zaak-{safe(zaak['Nummer'])}"
        motion = self.motion({"key": key, "kamerstuk": identifier, "sponsors": sponsors_of(zaak)})
        self.entities.add((motion, KG.zaakNummer, str(zaak["Nummer"])))
        return motion, key

    def zaak(self, zaak: dict) -> None:
        motion, _key = self.motion_of(zaak)
        title = str(zaak.get("Onderwerp") or zaak.get("Titel") or "").strip()
        if title:
            self.g.add((motion, DCTERMS.title, title))
        appraisal = APPRAISALS.get(str(zaak.get("Kabinetsappreciatie") or "").strip().lower())
        if appraisal is not None:
            self.g.add((motion, KG.cabinetAppraisal, appraisal))
        self.derived(motion, "Zaak", zaak["Id"])

    def toezegging(self, record: dict) -> int:
        """A toezegging of the official register: a kg:Commitment with the register's status,
        ministerie, to whom it was made, date, deadline (DatumNakoming; 0001-01-01 is none) and the
        letter that fulfilled it (KamerbriefNakoming, a number; repeated in a drifting feed)."""
        text = " ".join(str(record.get("Tekst") or "").split())
        if not text:
            return 0
        iri = self.mint("toezegging", "register", safe(record.get("Nummer") or record["Id"]))
        g = self.g
        g.add((iri, RDF.type, KG.Commitment))
        g.add((iri, KG.commitmentType, KG.Toezegging))
        g.add((iri, KG.text, text))
        g.add((iri, RDFS.label, " ".join(filter(None, ["Toezegging", record.get("Nummer"), "(register)"]))))
        status = REGISTER_STATUS.get(str(record.get("Status") or "").strip().lower())
        if status is not None:
            g.add((iri, KG.registerStatus, status))
        actor = str(record.get("Functie") or record.get("Ministerie") or "").strip()
        if actor:
            g.add((iri, KG.actor, actor))
        if record.get("Ministerie"):
            g.add((iri, KG.ministerie, str(record["Ministerie"]).strip()))
        if record.get("Nummer"):
            g.add((iri, KG.registerNumber, str(record["Nummer"])))
        made = _date(record.get("Aanmaakdatum"))
        if made:
            g.add((iri, DCTERMS.date, typed(made, XSD.date)))
        deadline = _date(record.get("DatumNakoming"))
        if deadline and not deadline.startswith("0001-"):
            g.add((iri, KG.deadline, typed(deadline, XSD.date)))
        letters = record.get("KamerbriefNakoming")
        for letter in letters if isinstance(letters, list) else [letters]:
            if letter:
                g.add((iri, KG.kamerbriefNakoming, str(letter).strip()))
        fractie = record.get("ToegezegdAanFractie")
        if _live(fractie) and (fractie.get("Afkorting") or fractie.get("NaamNL")):
            label = str(fractie.get("Afkorting") or fractie.get("NaamNL")).strip()
            g.add((iri, KG.promisedTo, self.fractie(label, fractie.get("Id"))))
        person = record.get("ToegezegdAanPersoon")
        if _live(person) and person.get("Achternaam"):
            name = " ".join(filter(None, [person.get("Roepnaam") or person.get("Initialen"), person.get("Tussenvoegsel"),
                                          person.get("Achternaam")]))
            g.add((iri, KG.promisedTo, self.person(name)))
        self.derived(iri, "Toezegging", record["Id"])
        return 1

    def decision(self, found: Decision) -> int:
        besluit, zaak = found.record, found.zaak
        outcome = _outcome(besluit)
        if zaak is None or zaak.get("Soort") not in (None, "Motie") or outcome is None or "Nummer" not in zaak:
            return 0
        motion, key = self.motion_of(zaak)
        event = self.mint.vote_event(key, found.date or f"besluit-{safe(besluit['Id'])}")
        g = self.g
        g.add((event, RDF.type, KG.VoteEvent))
        g.add((event, KG.onMotion, motion))
        g.add((event, KG.outcome, OUTCOMES[outcome]))
        g.add((event, RDFS.label, f"Stemming over motie {key}" + (f" ({found.date})" if found.date else "")))
        if found.date:
            g.add((event, DCTERMS.date, typed(found.date, XSD.date)))
        self.derived(event, "Besluit", besluit["Id"])
        totals = self.votes(event, found.votes.values())
        tally = TALLY.search(str(besluit.get("BesluitTekst") or ""))
        if tally:  # a roll call's own count: the rows may be incomplete
            totals = (int(tally.group(1)), int(tally.group(2)))
        if totals:
            g.add((event, KG.seatsFor, totals[0]))
            g.add((event, KG.seatsAgainst, totals[1]))
        return 1

    def votes(self, event: URIRef, stemmingen) -> tuple[int, int] | None:
        rows = [s for s in stemmingen if s.get("Soort")]
        if not rows:
            return None
        members = {}  # Fractie_Id → member rows: a split fractie's own row counts without them
        for row in rows:
            if row.get("Persoon_Id"):
                members.setdefault(row.get("Fractie_Id"), []).append(row)
        totals = {"voor": 0, "tegen": 0}
        g = self.g
        for row in rows:
            position = str(row["Soort"]).strip().lower()
            if position not in POSITIONS:
                continue
            fractie = self.fractie(str(row.get("ActorFractie") or row.get("ActorNaam") or "").strip() or "onbekend",
                                   row.get("Fractie_Id"))
            vote = URIRef(f"{event}/{safe(row['Id'])}")
            g.add((event, KG.vote, vote))
            g.add((vote, RDF.type, KG.Vote))
            g.add((vote, KG.fractie, fractie))
            g.add((vote, KG.position, POSITIONS[position]))
            if row.get("Persoon_Id"):
                seats = 1
                g.add((vote, KG.voter, self.person(_member_name(str(row.get("ActorNaam") or "")))))
            else:
                seats = max(0, int(row.get("FractieGrootte") or 0) - len(members.get(row.get("Fractie_Id"), [])))
            g.add((vote, KG.seats, seats))
            g.add((vote, RDFS.label, f"{row.get('ActorNaam') or row.get('ActorFractie')}: {position}"))
            if row.get("Fractie_Id"):
                self.entities.add((fractie, DCTERMS.identifier, str(row["Fractie_Id"])))
            if row.get("Vergissing"):
                g.add((vote, KG.mistake, typed("true", XSD.boolean)))
            elif position in totals:
                totals[position] += seats
            self.derived(vote, "Stemming", row["Id"])
        return totals["voor"], totals["tegen"]


def _outcome(besluit: dict) -> str | None:
    text = f"{besluit.get('BesluitSoort') or ''} {besluit.get('BesluitTekst') or ''}".lower()
    for word, outcome in (("aangenomen", "aangenomen"), ("verworpen", "verworpen"), ("aangehouden", "aangehouden"),
                          ("ingetrokken", "ingetrokken")):
        if word in text:
            return outcome
    return None


def _member_name(actor: str) -> str:
    """"Nispen van, M." → "M. van Nispen"; "Dijck van, A.P.C. (Tony)" → "A.P.C. van Dijck"."""
    actor = re.sub(r"\s*\([^)]*\)", "", actor).strip()
    if "," not in actor:
        return actor
    surname, initials = (part.strip() for part in actor.split(",", 1))
    words = surname.split()
    particles = [w for w in words if w.islower()]
    core = [w for w in words if not w.islower()]
    return " ".join(filter(None, [initials, " ".join(particles), " ".join(core)]))


def identifier_of_file(path: Path) -> str:
    from ..extract.document import identifier_of

    return identifier_of(path.name)
