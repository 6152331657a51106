"""Our vocabulary and the prefix table.

``KG`` mirrors the ontology in ``ontology/explorer.ttl``: a misspelt term raises
``AttributeError`` at import time of the caller instead of silently minting a new IRI.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/kg-explorer/ontology#"
DATA_IRI = "https://w3id.org/kg-explorer/data/"

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
DATA = Namespace(DATA_IRI)


class KG(DefinedNamespace):
    """Classes and properties of the kg-explorer ontology (``ontology/explorer.ttl``).

    Kept in step with the ontology by ``tests/data/test_bundled_graph.py``: every kg: term declared
    there is listed here and vice versa.
    """

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # Evidence records (rdf:Statement reifications) ------------------------------------
    Evidence: URIRef
    quote: URIRef
    sentenceIndex: URIRef
    isBackground: URIRef
    qualifier: URIRef
    accordingTo: URIRef

    # Labelling: the words an incoming edge is read with ---------------------------------
    inverseLabel: URIRef

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
    Statement: URIRef

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

    # Groups and observations ------------------------------------------------------------
    memberKind: URIRef
    count: URIRef
    countMoreThan: URIRef  # "more than N": an exclusive lower bound, not a count
    value: URIRef
    unit: URIRef
    valueDescription: URIRef
    scope: URIRef
    period: URIRef


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
                     OWL.Restriction, RDFS.Datatype, KG.Evidence)
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
    "DATA",
    "DATA_IRI",
    "INFERRED_GRAPH",
    "KG",
    "LABEL_PREDICATES",
    "NON_ENTITY_TYPES",
    "ONTOLOGY_IRI",
    "ORG",
    "PLAIN_LITERAL_DATATYPES",
    "PREFIXES",
    "SCHEMA",
    "SCHEMA_CLASSES",
    "SCHEMA_PREDICATES",
    "SH",
    "SPARQL_RESULTS",
]
