"""Our vocabulary and the prefix table.

``KG`` mirrors the ontology in ``ontology/explorer.ttl``: a misspelt term raises
``AttributeError`` at import time of the caller instead of silently minting a new IRI.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/kg-explorer/ontology#"
DATA_IRI = "https://w3id.org/kg-explorer/data/"

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
#: Web Annotation: text selectors that place a quote in its source.
OA = Namespace("http://www.w3.org/ns/oa#")
#: QUDT schema (qudt:Unit) and QUDT unit IRIs (unit:PERCENT, unit:NUM).
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
#: MITRE D3FEND, for alignment only (kg:Vulnerability is a d3f:Vulnerability).
D3F = Namespace("http://d3fend.mitre.org/ontologies/d3fend.owl#")
DATA = Namespace(DATA_IRI)


class KG(DefinedNamespace):
    """Classes and properties of the kg-explorer ontology (``ontology/explorer.ttl``).

    Kept in step with the ontology by ``tests/data/test_bundled_graph.py``: every kg: term declared
    there is listed here and vice versa.
    """

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # Evidence records (rdf:Statement reifications) ------------------------------------
    # Any number per fact; IRIs from source + position, never from the fact. Position in the
    # text: kg:sentenceIndex (true sentence), kg:lineNumber, and Web Annotation selectors
    # (oa:hasSelector → oa:TextPositionSelector oa:start/oa:end, oa:TextQuoteSelector oa:exact).
    Evidence: URIRef
    quote: URIRef
    sentenceIndex: URIRef
    lineNumber: URIRef
    localCopy: URIRef  # path of the project's copy of a source's text, relative to the project root
    isBackground: URIRef
    qualifier: URIRef
    accordingTo: URIRef

    # Annotations on properties read by the app -----------------------------------------
    inverseLabel: URIRef  # the words an incoming edge is read with
    exposureDirection: URIRef  # kg:Forward | kg:Backward | kg:Both: which way exposure flows along s p o
    exposureWeight: URIRef  # xsd:decimal in (0, 1]
    lexicalPattern: URIRef  # trigger words of a property in articles, language-tagged
    ExposureDirection: URIRef
    Forward: URIRef  # exposure flows from the subject to the object
    Backward: URIRef  # exposure flows from the object to the subject
    Both: URIRef

    # Classes ----------------------------------------------------------------------------
    Entity: URIRef
    Agent: URIRef
    Organization: URIRef
    Company: URIRef
    TelecomOperator: URIRef
    DeviceVendor: URIRef
    TraditionalIndustryCompany: URIRef
    TechnologyStartup: URIRef
    MarketResearchFirm: URIRef
    IndustryAlliance: URIRef
    Hospital: URIRef
    GovernmentAgency: URIRef
    ResearchInstitute: URIRef
    Person: URIRef
    Group: URIRef
    OrganizationGroup: URIRef
    PlatformGroup: URIRef
    Location: URIRef
    Place: URIRef
    Country: URIRef
    Province: URIRef
    City: URIRef
    Technology: URIRef
    IndustrialInternetPlatform: URIRef
    Product: URIRef
    Application: URIRef
    ConsumerApplication: URIRef
    IndustrialApplication: URIRef
    RemoteHealthcareService: URIRef
    SmartPort: URIRef
    CyberRisk: URIRef
    Impact: URIRef
    Requirement: URIRef
    Observation: URIRef
    Source: URIRef
    NewsArticle: URIRef
    Report: URIRef
    QuotedStatement: URIRef
    Statement: URIRef  # deprecated: the old name of QuotedStatement (not rdf:Statement)
    # Cyber core
    Threat: URIRef
    Vulnerability: URIRef
    ThreatActor: URIRef
    Mitigation: URIRef
    Asset: URIRef
    Facility: URIRef
    NetworkDeployment: URIRef
    BaseStationDeployment: URIRef
    PrivateNetwork: URIRef
    Event: URIRef
    Incident: URIRef
    # Time (OWL-Time): entity time:hasTime a kg:Period (time:DateTimeInterval) or a kg:Instant
    Time: URIRef
    Period: URIRef
    Instant: URIRef
    unitQuarter: URIRef  # a time:TemporalUnit; a quarter without a year keeps no time:year
    quarter: URIRef
    # Growth beyond one article
    StandardsBody: URIRef
    Standard: URIRef
    Licence: URIRef
    SpectrumLicence: URIRef
    SanctionsList: URIRef
    SanctionsDesignation: URIRef
    MarketShareObservation: URIRef
    ShipmentObservation: URIRef
    Shareholding: URIRef

    # Object properties between entities, each with its named inverse --------------------
    established: URIRef
    establishedBy: URIRef
    partneredWith: URIRef  # symmetric: its own inverse
    supports: URIRef
    supportedBy: URIRef
    enables: URIRef
    enabledBy: URIRef
    built: URIRef
    builtBy: URIRef
    locatedIn: URIRef
    locationOf: URIRef
    basedIn: URIRef
    homeOf: URIRef
    promotes: URIRef
    promotedBy: URIRef
    exposedTo: URIRef
    threatens: URIRef
    leadsTo: URIRef
    resultOf: URIRef
    carriedOutBy: URIRef
    carriesOut: URIRef
    warnsOf: URIRef
    warnedOfBy: URIRef
    needs: URIRef
    neededBy: URIRef
    callsFor: URIRef
    calledForBy: URIRef
    hasPotentialFor: URIRef
    potentialOf: URIRef
    aimsAt: URIRef
    aimOf: URIRef
    affiliatedWith: URIRef
    hasAffiliate: URIRef
    publishedBy: URIRef
    published: URIRef
    statedBy: URIRef
    stated: URIRef
    reportedIn: URIRef
    reportsObservation: URIRef
    reportedBy: URIRef
    reportsOn: URIRef
    measuredBy: URIRef
    measured: URIRef
    about: URIRef
    subjectOf: URIRef
    measuredAmong: URIRef
    populationOf: URIRef
    mostVolumeTo: URIRef
    receivesMostVolumeOf: URIRef
    drivenBy: URIRef
    drives: URIRef
    mainMarketDriverFor: URIRef
    hasMainMarketDriver: URIRef
    moreComplexThan: URIRef
    lessComplexThan: URIRef
    moreVulnerableThan: URIRef
    lessVulnerableThan: URIRef
    exampleOf: URIRef
    hasExample: URIRef
    # cyber core (exposure-carrying ones are annotated in the ontology)
    targets: URIRef
    targetedBy: URIRef
    dependsOn: URIRef
    dependencyOf: URIRef
    runsOn: URIRef
    hosts: URIRef
    builtOn: URIRef
    basisOf: URIRef
    hasVulnerability: URIRef
    affects: URIRef
    exploits: URIRef
    exploitedBy: URIRef
    mitigates: URIRef
    mitigatedBy: URIRef
    protects: URIRef
    protectedBy: URIRef
    affected: URIRef
    affectedBy: URIRef
    realises: URIRef
    realisedBy: URIRef
    attributedTo: URIRef
    heldResponsibleFor: URIRef
    operates: URIRef
    operatedBy: URIRef
    timeOf: URIRef  # inverse of time:hasTime
    derivedExposedTo: URIRef  # only in the inferred graph: exposure the risk engine derived
    # organisations (sub-properties of org:hasSubOrganization / org:subOrganizationOf)
    hasBranch: URIRef
    branchOf: URIRef
    hasSubsidiary: URIRef
    subsidiaryOf: URIRef
    owns: URIRef
    ownedBy: URIRef
    hasMemberGroup: URIRef
    memberGroupOf: URIRef
    # places (kg:locatedIn is a sub-property of the transitive kg:locatedWithin)
    locatedWithin: URIRef  # transitive, derived
    containedInPlace: URIRef
    containsPlace: URIRef
    # observations
    measures: URIRef
    measuredIn: URIRef
    geographicScope: URIRef
    areaCoveredBy: URIRef
    exceeds: URIRef
    exceededBy: URIRef
    shippedBy: URIRef
    shipped: URIRef
    shareholder: URIRef
    holdsShareholding: URIRef
    shareIn: URIRef
    hasShareholding: URIRef
    # standards, licences, sanctions
    developedBy: URIRef
    developed: URIRef
    conformsTo: URIRef
    implementedBy: URIRef
    licensee: URIRef
    holdsLicence: URIRef
    issuedBy: URIRef
    issued: URIRef
    listedOn: URIRef
    lists: URIRef
    designates: URIRef
    designatedIn: URIRef
    onList: URIRef
    hasDesignation: URIRef
    cveId: URIRef
    frequencyFrom: URIRef
    frequencyTo: URIRef
    frequencyUnit: URIRef

    # Groups and observations ------------------------------------------------------------
    memberKind: URIRef
    count: URIRef
    countMoreThan: URIRef  # "more than N": an exclusive lower bound, not a count
    value: URIRef
    unit: URIRef  # a QUDT unit IRI
    valueDescription: URIRef
    scope: URIRef
    period: URIRef  # deprecated: periods are time:hasTime kg:Period


PREFIXES: dict[str, str] = {
    "kg": ONTOLOGY_IRI,
    "d": DATA_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dct": str(DCTERMS),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "sh": str(SH),
    "time": str(TIME),
    "oa": str(OA),
    "qudt": str(QUDT),
    "unit": str(UNIT),
    "foaf": str(FOAF),
    "d3f": str(D3F),
}

# Predicates that describe the schema or the evidence rather than the world: they are
# not hops in a path or edges on the canvas unless the user asks for them.
SCHEMA_PREDICATES: frozenset[str] = frozenset(
    str(p)
    for p in (
        RDF.type,
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.inverseOf,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.sameAs,
        OWL.imports,
        RDF.subject,
        RDF.predicate,
        RDF.object,
        PROV.wasDerivedFrom,
        # Who changed the graph and what a change used: provenance of the data, not the world.
        PROV.wasAttributedTo,
        PROV.wasAssociatedWith,
        PROV.used,
        DCTERMS.source,
        RDFS.isDefinedBy,
    )
)

LABEL_PREDICATES: tuple[str, ...] = (str(SKOS.prefLabel), str(RDFS.label), str(SKOS.altLabel))

#: Types of resources that describe the data rather than the world: classes, properties,
#: ontologies, reification statements and evidence records.
SCHEMA_CLASSES: frozenset[str] = frozenset(
    str(c) for c in (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                     RDF.Property, OWL.Ontology, RDF.Statement, OWL.TransitiveProperty, OWL.SymmetricProperty,
                     OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.NamedIndividual,
                     OWL.Restriction, RDFS.Datatype, KG.Evidence,
                     # parts of evidence records and periods, not things in the world
                     "http://www.w3.org/ns/oa#TextPositionSelector", "http://www.w3.org/ns/oa#TextQuoteSelector",
                     "http://www.w3.org/2006/time#GeneralDateTimeDescription",
                     # the ontology's named values: exposure directions, calendar units
                     KG.ExposureDirection, "http://www.w3.org/2006/time#TemporalUnit")
)
#: The one definition of "entity": a resource typed with none of these. What is left are the
#: entities an analyst counts (owl:NamedIndividual marks an entity, so it is not among them).
NON_ENTITY_TYPES: tuple[str, ...] = tuple(sorted(SCHEMA_CLASSES - {str(OWL.NamedIndividual)}))
#: Datatypes of literals written without one (plain and language-tagged strings).
PLAIN_LITERAL_DATATYPES: frozenset[str] = frozenset(
    (str(XSD.string), str(RDF.langString), "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString")
)
#: The namespace of the SPARQL Query Results XML format.
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"
#: Where the reasoner's conclusions live, apart from the asserted facts.
INFERRED_GRAPH = "urn:kg-explorer:inferred"

__all__ = [
    "D3F",
    "DATA",
    "DATA_IRI",
    "INFERRED_GRAPH",
    "KG",
    "LABEL_PREDICATES",
    "NON_ENTITY_TYPES",
    "OA",
    "ONTOLOGY_IRI",
    "ORG",
    "PLAIN_LITERAL_DATATYPES",
    "PREFIXES",
    "QUDT",
    "SCHEMA",
    "SCHEMA_CLASSES",
    "SCHEMA_PREDICATES",
    "SH",
    "SPARQL_RESULTS",
    "UNIT",
]
