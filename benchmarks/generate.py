"""A deterministic graph shaped like ours, at any size, for the benchmarks.

The graph reuses the real ontology (``ontology/explorer.ttl`` is copied in, so classes,
labels of properties and inverses work as in the bundled graph) and the data namespace.
It is made of *clusters*, each a small industrial-5G world: a telecom operator with two
provincial branches, a device vendor, an industry alliance set up by a branch with member
companies and a hospital partner, an industrial internet platform, applications enabled by
5G (a hub) and supported by the alliance, a cyber risk with a chain of impacts (the long
chains that make 6-hop shortest paths exist), a person who warns of the risk, an observation
reported in a news article, and places. Labels come in English and Chinese (synthesised CJK
names) with aliases; every fact between entities has an ``rdf:Statement`` evidence record
with a quote and a sentence index, or is marked as background knowledge.

Usage::

    python benchmarks/generate.py --triples 1000000 --format nt --out benchmarks/generated/kg-1m.nt

The same seed and size always give the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATED = Path(__file__).resolve().parent / "generated"
ONTOLOGY = REPO / "ontology" / "explorer.ttl"

KG = "https://w3id.org/kg-explorer/ontology#"
D = "https://w3id.org/kg-explorer/data/"
EV = "https://w3id.org/kg-explorer/data/evidence/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES = {"ev": EV, "d": D, "kg": KG, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "prov": PROV, "org": ORG, "xsd": XSD, "owl": OWL}

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
TOLERANCE = 0.02
DEFAULT_SEED = 5

# Length of the impact chain behind each cyber risk: the chain's last impact is exactly
# IMPACT_CHAIN + 1 hops from the application the risk threatens.
IMPACT_CHAIN = 5

_SYLLABLES = (
    "hua", "xin", "tong", "ke", "zhong", "lian", "yun", "shu", "hai", "ning", "bo", "jiang", "long", "feng",
    "tian", "ming", "kang", "rui", "sheng", "da", "an", "hong", "guang", "jin", "xing", "yuan", "chang", "de",
)
_HANZI = "华信通科中联云数海宁波江龙风天明康瑞盛达安宏光金星源昌德智网电移动浙苏粤川湘闽鲁豫晋"
_PROVINCES = (
    ("Zhejiang", "浙江"), ("Jiangsu", "江苏"), ("Guangdong", "广东"), ("Sichuan", "四川"), ("Hunan", "湖南"),
    ("Fujian", "福建"), ("Shandong", "山东"), ("Henan", "河南"), ("Shanxi", "山西"), ("Hubei", "湖北"),
    ("Anhui", "安徽"), ("Hebei", "河北"), ("Yunnan", "云南"), ("Guizhou", "贵州"), ("Liaoning", "辽宁"),
    ("Jilin", "吉林"), ("Jiangxi", "江西"), ("Shaanxi", "陕西"), ("Gansu", "甘肃"), ("Hainan", "海南"),
)
_INDUSTRIES = (
    ("steel", "钢铁"), ("port logistics", "港口物流"), ("automotive", "汽车"), ("textiles", "纺织"),
    ("chemicals", "化工"), ("power grid", "电网"), ("mining", "矿业"), ("electronics", "电子"),
)
_APPLICATIONS = (
    ("remote equipment monitoring", "远程设备监控"), ("machine vision inspection", "机器视觉质检"),
    ("automated guided vehicles", "自动导引车"), ("predictive maintenance", "预测性维护"),
    ("digital twin", "数字孪生"), ("smart port", "智慧港口"),
)
_RISKS = (
    ("data leakage", "数据泄露"), ("ransomware", "勒索软件"), ("network intrusion", "网络入侵"),
    ("supply chain attack", "供应链攻击"), ("denial of service", "拒绝服务"),
)
_IMPACTS = (
    ("production stoppage", "停产"), ("equipment damage", "设备损坏"), ("financial loss", "经济损失"),
    ("safety incident", "安全事故"), ("loss of customer trust", "客户信任丧失"), ("regulatory penalty", "监管处罚"),
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def iri(value: str) -> str:
    return f"<{value}>"


def lit(text: str, language: str | None = None) -> str:
    return f'"{_escape(text)}"@{language}' if language else f'"{_escape(text)}"'


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


TRUE = f'"true"^^<{XSD}boolean>'
A = iri(RDF + "type")
LABEL, ALT, COMMENT = iri(RDFS + "label"), iri(SKOS + "altLabel"), iri(RDFS + "comment")


class _Writer:
    """Collects subject blocks and counts triples; facts get their evidence records."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.blocks: list[tuple[str, list[tuple[str, str]]]] = []
        self.count = 0
        self._facts: set[tuple[str, str, str]] = set()
        self.sources: list[str] = []

    def block(self, subject: str, pairs: list[tuple[str, str]]) -> None:
        self.blocks.append((subject, pairs))
        self.count += len(pairs)

    def entity(self, local: str, cls: str, english: str, chinese: str | None = None,
               aliases: tuple[str, ...] = (), comment: str | None = None) -> str:
        subject = iri(D + local)
        pairs = [(A, iri(KG + cls)), (LABEL, lit(english, "en"))]
        if chinese:
            pairs.append((LABEL, lit(chinese, "zh")))
        pairs.extend((ALT, lit(alias, "en")) for alias in aliases)
        if comment:
            pairs.append((COMMENT, lit(comment, "en")))
        self.block(subject, pairs)
        return subject

    def fact(self, subject: str, predicate: str, obj: str, quote: str) -> None:
        key = (subject, predicate, obj)
        if key in self._facts:
            return
        self._facts.add(key)
        self.block(subject, [(predicate, obj)])
        record = iri(EV + "-".join(_local(term) for term in key))
        pairs = [(A, iri(RDF + "Statement")), (A, iri(KG + "Evidence")), (iri(RDF + "subject"), subject),
                 (iri(RDF + "predicate"), predicate), (iri(RDF + "object"), obj)]
        if self.rng.random() < 0.1:
            pairs += [(iri(KG + "isBackground"), TRUE),
                      (COMMENT, lit(f"General knowledge: {quote}.", "en"))]
        else:
            pairs += [(iri(PROV + "wasDerivedFrom"), self.rng.choice(self.sources)),
                      (iri(KG + "sentenceIndex"), integer(self.rng.randint(1, 40))),
                      (iri(KG + "quote"), lit(quote))]
        self.block(record, pairs)


def _local(term: str) -> str:
    return re.split(r"[#/]", term.strip("<>"))[-1]


def _name(rng: random.Random, parts: int = 2) -> tuple[str, str]:
    """A synthesised company name in Latin letters and in Chinese characters."""
    latin = "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()
    hanzi = "".join(rng.choice(_HANZI) for _ in range(parts))
    return latin, hanzi


def _ontology_blocks() -> list[tuple[str, list[tuple[str, str]]]]:
    """The ontology's triples, so that the generated file stands alone."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(ONTOLOGY), format=ox.RdfFormat.TURTLE)
    blocks: dict[str, list[tuple[str, str]]] = {}
    for quad in sorted(store, key=lambda q: (str(q.subject), str(q.predicate), str(q.object))):
        blocks.setdefault(str(quad.subject), []).append((str(quad.predicate), str(quad.object)))
    return list(blocks.items())


def _places(writer: _Writer) -> tuple[str, list[tuple[str, str, str]]]:
    china = writer.entity("China", "Country", "China", "中国", ("People's Republic of China", "PRC"))
    places = []
    for name, hanzi in _PROVINCES:
        province = writer.entity(name, "Province", name, hanzi, (f"{name} province",))
        writer.fact(province, iri(KG + "locatedIn"), china, f"{name} province, China")
        places.append((province, name, hanzi))
    return china, places


def _cluster(writer: _Writer, c: int, hubs: dict[str, str], provinces: list[tuple[str, str, str]],
             target: int) -> None:
    """One small world; stops (between facts) as soon as the target size is reached."""
    rng = writer.rng
    def full() -> bool:
        return writer.count >= target

    g = f"g{c}"
    province, province_name, province_hanzi = provinces[c % len(provinces)]
    latin, hanzi = _name(rng)
    operator = writer.entity(f"{g}-Operator", "TelecomOperator", f"China {latin} Telecom", f"中国{hanzi}电信",
                             (f"{latin} Telecom", f"CT{c}"), f"Telecom operator number {c} of the generated graph.")
    if full():
        return
    city_name = f"{rng.choice(_SYLLABLES).capitalize()}{rng.choice(_SYLLABLES)}"
    city = writer.entity(f"{g}-City", "City", f"{city_name} {c}", f"{rng.choice(_HANZI)}{rng.choice(_HANZI)}市{c}")
    writer.fact(city, iri(KG + "locatedIn"), province, f"{city_name}, a city in {province_name}")
    writer.fact(operator, iri(KG + "basedIn"), hubs["china"], f"China {latin} Telecom, a Chinese operator")
    branches = []
    for b, (other, other_name, other_hanzi) in enumerate((provinces[c % len(provinces)],
                                                           provinces[(c * 7 + 3) % len(provinces)])):
        branch = writer.entity(f"{g}-Branch{b}", "TelecomOperator", f"China {latin} Telecom {other_name}",
                               f"中国{hanzi}电信{other_hanzi}分公司", (f"{latin} Telecom's {other_name} branch",))
        writer.fact(operator, iri(ORG + "hasSubOrganization"), branch, f"{latin} Telecom's {other_name} branch")
        writer.fact(branch, iri(KG + "basedIn"), other, f"its {other_name} branch")
        branches.append(branch)
    if full():
        return
    v_latin, v_hanzi = _name(rng)
    vendor = writer.entity(f"{g}-Vendor", "DeviceVendor", f"{v_latin} Networks", f"{v_hanzi}网络",
                           (f"{v_latin}",))
    writer.fact(vendor, iri(KG + "partneredWith"), operator, f"{v_latin} Networks works with {latin} Telecom")
    writer.fact(vendor, iri(KG + "basedIn"), city, f"{v_latin} Networks, headquartered in {city_name}")
    alliance = writer.entity(f"{g}-Alliance", "IndustryAlliance", f"{province_name} 5G industry alliance {c}",
                             f"{province_hanzi}5G产业联盟{c}", (f"5G alliance {c}",))
    writer.fact(branches[0], iri(KG + "established"), alliance,
                f"{latin} Telecom's {province_name} branch set up a 5G industry alliance")
    writer.fact(alliance, iri(KG + "promotes"), hubs["industrial_internet"],
                "to promote the development of the industrial internet")
    writer.fact(alliance, iri(KG + "basedIn"), city, f"the alliance, based in {city_name}")
    if full():
        return
    members: list[tuple[str, str]] = []
    for m in range(6):
        m_latin, m_hanzi = _name(rng, 3)
        industry, industry_hanzi = rng.choice(_INDUSTRIES)
        cls = "TraditionalIndustryCompany" if m % 2 == 0 else "TechnologyStartup"
        member = writer.entity(f"{g}-Member{m}", cls, f"{m_latin} {industry.title()} Co.",
                               f"{m_hanzi}{industry_hanzi}有限公司")
        writer.fact(member, iri(KG + "affiliatedWith"), alliance, f"{m_latin} joined the alliance")
        writer.fact(member, iri(KG + "basedIn"), city if m % 3 else province, f"{m_latin}, based in {city_name}")
        members.append((member, m_latin))
        if full():
            return
    h_latin, h_hanzi = _name(rng)
    hospital = writer.entity(f"{g}-Hospital", "Hospital", f"{h_latin} People's Hospital", f"{h_hanzi}人民医院")
    writer.fact(alliance, iri(KG + "partneredWith"), hospital, "it has partnered with hospitals")
    writer.fact(hospital, iri(KG + "locatedIn"), city, f"the hospital in {city_name}")
    p_latin, p_hanzi = _name(rng)
    platform = writer.entity(f"{g}-Platform", "IndustrialInternetPlatform", f"{p_latin}Cloud industrial internet platform",
                             f"{p_hanzi}云工业互联网平台", (f"{p_latin}Cloud",))
    writer.fact(members[0][0], iri(KG + "built"), platform, f"{members[0][1]} built the {p_latin}Cloud platform")
    if full():
        return
    applications = []
    for a, cls in enumerate(("IndustrialApplication", "RemoteHealthcareService")):
        name, name_hanzi = rng.choice(_APPLICATIONS) if a == 0 else ("remote healthcare", "远程医疗")
        application = writer.entity(f"{g}-Application{a}", cls, f"{name} in {city_name} {c}",
                                    f"{city_name}{name_hanzi}{c}")
        writer.fact(alliance, iri(KG + "supports"), application, f"the alliance supports {name}")
        writer.fact(application, iri(KG + "enabledBy"), hubs["fiveg"], f"5G-enabled {name}")
        applications.append(application)
    writer.fact(platform, iri(KG + "supports"), applications[0], f"the platform runs {applications[0]}")
    writer.fact(hospital, iri(KG + "carriesOut"), applications[1], "the hospital offers remote healthcare")
    if full():
        return
    risk_name, risk_hanzi = rng.choice(_RISKS)
    risk = writer.entity(f"{g}-Risk", "CyberRisk", f"{risk_name} risk {c}", f"{risk_hanzi}风险{c}")
    writer.fact(risk, iri(KG + "threatens"), applications[0], f"{risk_name} threatens industrial systems")
    previous = risk
    for i in range(1, IMPACT_CHAIN + 1):
        impact_name, impact_hanzi = _IMPACTS[(c + i) % len(_IMPACTS)]
        impact = writer.entity(f"{g}-Impact{i}", "Impact", f"{impact_name} {c}.{i}", f"{impact_hanzi}{c}.{i}")
        writer.fact(previous, iri(KG + "leadsTo"), impact, f"which could lead to {impact_name}")
        previous = impact
        if full():
            return
    person_latin = f"{rng.choice(_SYLLABLES).capitalize()} {rng.choice(_SYLLABLES).capitalize()}{rng.choice(_SYLLABLES)}"
    person = writer.entity(f"{g}-Person", "Person", person_latin, f"{rng.choice(_HANZI)}{rng.choice(_HANZI)}{rng.choice(_HANZI)}")
    writer.fact(person, iri(KG + "affiliatedWith"), vendor, f"{person_latin}, from {v_latin} Networks")
    writer.fact(person, iri(KG + "warnsOf"), risk, f"{person_latin} warned of {risk_name}")
    observation = writer.entity(f"{g}-Observation", "Observation", f"{name} adoption in {city_name} {c}")
    writer.block(observation, [(iri(KG + "value"), integer(rng.randint(1, 500))), (iri(KG + "unit"), lit("projects", "en"))])
    writer.fact(observation, iri(KG + "about"), applications[0], f"{name} projects in {city_name}")
    writer.fact(observation, iri(KG + "reportedBy"), vendor, f"according to {v_latin} Networks")


def generate(triples: int, seed: int = DEFAULT_SEED) -> list[tuple[str, list[tuple[str, str]]]]:
    """Subject blocks (subject, [(predicate, object)]) with ``triples`` triples (a few more at most)."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    for subject, pairs in _ontology_blocks():
        writer.block(subject, pairs)
    for s in range(max(3, triples // 20_000)):
        latin, _ = _name(rng)
        source = writer.entity(f"source{s}", "NewsArticle", f"{latin} Daily report {s}", None)
        writer.sources.append(source)
    hubs = {
        "fiveg": writer.entity("FiveG", "Technology", "5G", "第五代移动通信", ("fifth-generation mobile networks",)),
        "industrial_internet": writer.entity("IndustrialInternet", "Technology", "industrial internet", "工业互联网"),
    }
    hubs["china"], provinces = _places(writer)
    c = 0
    while writer.count < triples:
        _cluster(writer, c, hubs, provinces, triples)
        c += 1
    return writer.blocks


def probes() -> dict[str, str]:
    """Entities every generated size has, for the benchmarks: a hub, a 6-hop pair, a plain entity."""
    return {
        "hub": D + "FiveG",
        "entity": D + "g0-Alliance",
        "path_source": D + f"g0-Impact{IMPACT_CHAIN}",
        "path_target": D + "g0-Application0",  # IMPACT_CHAIN + 1 = 6 hops from path_source
    }


def _compact(term: str) -> str:
    if term.startswith("<") and term.endswith(">"):
        value = term[1:-1]
        for prefix, namespace in PREFIXES.items():
            if value.startswith(namespace):
                local = value[len(namespace):]
                if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]*", local):
                    return f"{prefix}:{local}"
        return term
    if term.endswith(f"^^<{XSD}integer>"):
        return term[1:term.index('"', 1)]
    if term == TRUE:
        return "true"
    return term


def serialise(blocks: list[tuple[str, list[tuple[str, str]]]], fmt: str) -> Iterator[str]:
    """The graph as N-Triples (``nt``) or Turtle (``ttl``) text, chunk by chunk."""
    if fmt == "nt":
        for subject, pairs in blocks:
            yield "".join(f"{subject} {p} {o} .\n" for p, o in pairs)
    elif fmt == "ttl":
        yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n"
        for subject, pairs in blocks:
            body = " ;\n    ".join(f"{'a' if p == A else _compact(p)} {_compact(o)}" for p, o in pairs)
            yield f"{_compact(subject)} {body} .\n"
    else:
        raise ValueError(f"unknown format {fmt!r}: use nt or ttl")


def write(path: Path, triples: int, fmt: str, seed: int = DEFAULT_SEED) -> int:
    """Write a generated graph; returns the number of triples."""
    blocks = generate(triples, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with open(partial, "w", encoding="utf-8", newline="\n") as handle:
        for chunk in serialise(blocks, fmt):
            handle.write(chunk)
    partial.replace(path)
    return sum(len(pairs) for _, pairs in blocks)


def ensure(size: str, fmt: str, seed: int = DEFAULT_SEED) -> Path:
    """The generated file for a named size ("10k", "100k", "1m"), written if missing."""
    path = GENERATED / f"kg-{size}-s{seed}.{fmt}"
    if not path.exists():
        write(path, SIZES[size], fmt, seed)
    return path


def parse_size(text: str) -> int:
    text = text.strip().lower()
    if text in SIZES:
        return SIZES[text]
    multiplier = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * multiplier)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=parse_size, default=100_000, help="target size, e.g. 10000, 100k, 1m")
    parser.add_argument("--format", choices=("nt", "ttl"), default="nt")
    parser.add_argument("--out", type=Path, help="output file (default: benchmarks/generated/…)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    out = args.out or GENERATED / f"kg-{args.triples}-s{args.seed}.{args.format}"
    started = time.perf_counter()
    count = write(out, args.triples, args.format, args.seed)
    print(f"{out}: {count} triples ({args.format}) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
