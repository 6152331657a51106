"""Word lists the mention finder reads English with: function words, sentence openers, generic
people and things, titles. Plain data, kept apart from the finder's logic."""

from __future__ import annotations

import re

#: Words that never start or extend a name or a cue-headed phrase.
STOPWORDS = frozenset(
    [
        "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my", "it", "he", "she",
        # an object pronoun is no word of a noun phrase ("many of them running unpatched firmware")
        "them", "him", "me", "itself", "themselves",
        # words that distance the writer from a name are no part of it ("so-called lateral attacks")
        "so-called", "self-styled", "self-described", "self-proclaimed",
        "they", "we", "i", "you", "who", "which", "what", "and", "or", "but", "nor", "with", "from", "of", "to", "for", "in", "on",
        "at", "by", "as", "into", "onto", "over", "under", "than", "more", "most", "less", "also", "alone", "is", "are", "was",
        "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "may", "might",
        "must", "shall", "should", "not", "no", "so", "such", "very", "far", "much", "many", "some", "any", "each", "every", "other",
        "another", "both", "all", "only", "just", "even", "still", "said", "says", "say", "added", "adds", "according", "aside",
        "despite", "during", "once", "if", "when", "while", "because", "since", "after", "before", "about", "above", "below",
        "between", "through", "via", "per", "thanks", "part", "example", "for", "so", "far", "currently",
        # prepositions end a noun phrase ("coal mines | across the province")
        "across", "among", "amid", "within", "without", "throughout", "against", "toward", "towards", "around", "near",
        "beyond", "behind", "along", "upon", "beside", "besides", "alongside", "beneath", "including", "like", "plus",
        "except", "inside", "outside", "onto", "until",
        # a time after a noun phrase is no part of it ("a network | last year")
        "last", "next", "yesterday", "today", "tomorrow", "earlier", "later", "ago",
        # "… its main plant | together with X": a partner follows, not a word of the phrase
        "together", "jointly",
        # adverbs of place and time, and relative words, stand between a phrase and its verb ("trucks there now
        # run", "sensors often ship", "at Qinzhou, where cranes …"): none of them is a word of a noun phrase
        "where", "whose", "whom", "there", "here", "now", "often", "then", "already", "soon", "again", "never", "always",
        "sometimes", "usually", "whereby", "wherever",
        # quantifiers count what follows, they name no part of it ("several | car-parts suppliers")
        "several", "various", "numerous", "multiple", "few",
        # particles of phrasal verbs belong to the verb, never to its object ("fitted | out | six ambulances",
        # "shuts | down | ventilation", "set | up | a lab")
        "up", "down", "out", "off",
        # "its own network": what a thing owns is no kind of thing ("own" only stresses the owner)
        "own",
    ]
)
#: Capitalised words that begin sentences or name nationalities rather than entities.
NOT_NAMES = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "she", "he", "they", "we", "i", "but", "and", "or", "so",
        "once", "for", "global", "aside", "despite", "according", "for", "example", "however", "meanwhile", "also", "chinese",
        "american", "european", "japanese", "korean",
        # words that open a sentence before its subject
        "besides", "apart", "beyond", "in", "on", "at", "with", "by", "after", "before", "while", "since", "as", "last",
        "next", "earlier", "later", "today", "yesterday", "separately", "meanwhile", "now", "inside", "deep", "outside",
        # days and months date a statement; they are not entities
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december"
    ]
)
#: Counts spelt out: capitalised at a sentence's start they open the noun phrase they count, never a name ("Forty
#: Hikvision cameras").
COUNT_WORDS = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                         "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
                         "fifty", "sixty", "seventy", "eighty", "ninety", "dozens", "hundreds", "thousands", "several"])
#: Head nouns of a phrase that names an organisation (or a person) by its trade ("shipping agents", "a data centre
#: operator"); "-er" words naming machines ("controller", "server", "router") are left out on purpose.
TRADE_HEADS = frozenset({
    "agent", "operator", "provider", "producer", "exporter", "importer", "contractor", "integrator", "distributor",
    "retailer", "wholesaler", "insurer", "lender", "forwarder", "shipper", "developer", "builder", "start-up",
    "startup", "trader", "consultancy", "broker", "outsourcer", "subcontractor",
})

#: People spoken of generically ("experts said", "security researchers warned"): no one an analyst
#: records, so they name no entity and fill no slot, alone or after one modifier.
GENERIC_PEOPLE = frozenset(
    [
        "expert", "analyst", "researcher", "official", "executive", "engineer", "observer", "insider", "source", "people",
        "critic", "scientist", "specialist", "manager", "employee", "worker", "user", "customer", "industry watcher",
        "miner", "technician", "driver", "staff", "resident", "farmer", "student",
        # a role names the person who holds it ("Midea's vice-president", "the alliance's secretary-general")
        "vice-president", "president", "secretary-general", "director", "chairman", "chairwoman", "spokesman",
        "spokeswoman", "spokesperson", "lecturer", "professor", "economist", "founder",
    ]
)
#: Titles before a person's name ("Professor Li Na", "Dr. Wu"): not part of the name, but they say it is a person's.
TITLES = frozenset(["professor", "prof", "dr", "mr", "mrs", "ms", "miss", "madam", "sir", "academician"])
#: Abstract nouns that, alone and bare ("carries risks", "raises concerns"), name nothing an analyst records.
GENERIC_THINGS = frozenset(["risk", "threat", "challenge", "concern", "problem", "issue", "benefit", "opportunity",
                            "question", "difficulty", "worry", "change",
                            # a trend is said of the thing after "in" or "of" ("warned of a rise in ransomware attacks")
                            "rise", "surge", "increase", "jump", "spike", "uptick", "wave"])
#: Units a number counts: "30 percent", "800 million yuan", "three days" are quantities, not things.
UNITS = frozenset(["percent", "per", "yuan", "dollars", "euros", "million", "billion", "trillion", "thousand", "days", "years",
                   "months", "weeks", "hours", "minutes", "seconds", "times", "kilometres", "kilometers", "km", "tonnes",
                   "tons", "degrees", "percentage", "points", "gigabits", "megabits", "milliseconds", "metres", "meters",
                   "kilograms", "litres", "liters", "square", "hectares", "miles", "feet", "centimetres", "millimetres"])
#: -ly words that are adjectives, not adverbs: they stay in a noun phrase ("a quarterly bulletin").
LY_ADJECTIVES = frozenset(["quarterly", "monthly", "weekly", "yearly", "daily", "hourly", "early", "elderly", "friendly",
                           "costly", "timely", "assembly", "supply", "family", "italy", "anomaly", "ally", "rally", "reply",
                           "monopoly", "deadly", "likely", "unlikely", "orderly", "lively"])
#: Fields a name joins with "and" ("Ministry of Science and Technology", "Wuhan Iron and Steel"): after "and" such a
#: word goes on with the name before it, where another single word names a second party ("… Institute of Technology
#: and Huawei").
NAME_FIELDS = frozenset(["technology", "technologies", "science", "sciences", "steel", "iron", "industry", "industries",
                         "commerce", "trade", "information", "gas", "oil", "chemical", "chemicals", "engineering",
                         "development", "reform", "communications", "telecommunications", "astronautics", "aeronautics",
                         "resources", "transport", "transportation", "finance", "power", "energy", "mining", "medicine",
                         "health", "culture", "tourism", "education", "planning", "construction", "logistics", "shipping",
                         "research", "innovation", "security", "management", "environment", "agriculture", "affairs",
                         "services", "electronics", "machinery", "design", "electricity", "petroleum", "metallurgy",
                         # products an industrial name joins ("Yangtze Optical Fibre and Cable", "Wire and Cable")
                         "fibre", "fiber", "cable", "wire", "glass", "paper", "textile", "textiles",
                         # adjectives of a field ("Economic and Technological Development Zone")
                         "technological", "scientific", "economic", "industrial", "commercial", "social", "cultural",
                         "financial", "medical", "environmental", "educational", "urban-rural", "rural", "urban"])
#: Plurals that modify the noun after them ("sales offices", "parts supplier", "customs officials"): a word after them
#: is the phrase's head, where after another plural it is the clause's verb ("forklifts stack coils").
PLURAL_MODIFIERS = frozenset(["sales", "goods", "parts", "arms", "sports", "savings", "news", "customs", "series", "species",
                              "means", "systems", "operations", "communications", "telecommunications", "materials",
                              "chemicals", "petrochemicals", "services", "plastics", "textiles", "metals", "minerals",
                              "electronics", "logistics", "robotics", "economics", "physics", "gas", "always", "various",
                              "numerous", "wireless", "chassis", "lens", "bus", "campus", "status", "analysis", "diagnosis",
                              "process", "access", "business", "glass", "press", "its", "this", "thus", "has", "was", "is"])
#: Words before "that" that go on with a clause (its subject first), not a relative clause (its verb first): reporting
#: verbs and the nouns that take a clause ("the risk that attackers …").
COMPLEMENT_TAKERS = frozenset(["say", "says", "warn", "warns", "note", "notes", "believe", "believes", "show", "shows", "shown",
                               "found", "find", "finds", "argue", "argues", "add", "adds", "claim", "claims", "expect",
                               "expects", "hope", "hopes", "report", "reports", "estimate", "estimates", "ensure", "ensures",
                               "mean", "means", "suggest", "suggests", "know", "knows", "knew", "think", "thinks", "thought",
                               "insist", "insists", "admit", "admits", "confirm", "confirms", "announce", "announces", "agree",
                               "agrees", "fear", "fears", "acknowledge", "acknowledges", "predict", "predicts", "stress",
                               "stresses", "explain", "explains", "ask", "asks", "given", "so", "such", "fact", "risk",
                               "concern", "concerns", "evidence", "sign", "signs", "news", "warning", "warnings", "view",
                               "idea", "possibility", "chance", "danger", "worry", "worries", "belief", "notion", "told",
                               "tell", "tells", "learned", "learnt", "understand", "understands", "recognise", "recognize",
                               "clear", "likely", "sure", "aware", "true", "now", "way"])
#: Verbs whose past ends in no -ed: after a singular noun they are the clause's verb ("the network went down").
IRREGULAR_PAST = frozenset(["went", "ran", "took", "began", "grew", "fell", "rose", "came", "made", "built", "sent", "won",
                            "lost", "hit", "cost", "put", "set", "cut", "led", "kept", "held", "brought", "bought", "paid",
                            "sold", "told", "gave", "got", "saw", "left", "spent", "stood", "drew", "broke", "chose", "drove",
                            "fed", "felt", "flew", "froze", "hung", "knew", "lay", "meant", "met", "quit", "sought", "shut",
                            "spread", "struck", "swept", "threw", "understood", "woke", "wrote", "became", "did", "had",
                            "must", "can", "may", "might", "shall"])

#: China's provinces, autonomous regions and municipalities (lower case): "China Telecom's Anhui unit" is a regional
#: branch, named by the province it serves.
CHINESE_PROVINCES = frozenset(
    [
        "anhui", "beijing", "chongqing", "fujian", "gansu", "guangdong", "guangxi", "guizhou", "hainan", "hebei", "heilongjiang",
        "henan", "hubei", "hunan", "inner mongolia", "jiangsu", "jiangxi", "jilin", "liaoning", "ningxia", "qinghai", "shaanxi",
        "shandong", "shanghai", "shanxi", "sichuan", "tianjin", "tibet", "xizang", "xinjiang", "yunnan", "zhejiang", "hong kong",
        "macau", "macao",
    ]
)

#: China's provinces and its larger cities (lower case): names a text may use as places without saying so ("the Dalian maker
#: of cooling equipment", "a Hangzhou start-up").
PLACE_NAMES = CHINESE_PROVINCES | frozenset(
    [
        "hangzhou", "ningbo", "wenzhou", "shaoxing", "jiaxing", "huzhou", "jinhua", "taizhou", "zhoushan", "nanjing", "suzhou",
        "wuxi", "changzhou", "nantong", "xuzhou", "yangzhou", "yancheng", "lianyungang", "hefei", "wuhu", "bengbu", "huainan",
        "ma'anshan", "anqing", "fuzhou", "xiamen", "quanzhou", "zhangzhou", "putian", "ningde", "nanchang", "ganzhou",
        "jiujiang", "jinan", "qingdao", "yantai", "weifang", "zibo", "linyi", "jining", "weihai", "binzhou", "dongying",
        "rizhao", "zhengzhou", "luoyang", "kaifeng", "nanyang", "xinxiang", "anyang", "wuhan", "yichang", "xiangyang",
        "shiyan", "jingzhou", "changsha", "zhuzhou", "xiangtan", "hengyang", "yueyang", "guangzhou", "shenzhen", "dongguan",
        "foshan", "zhuhai", "shantou", "huizhou", "zhongshan", "jiangmen", "zhanjiang", "zhaoqing", "nanning", "liuzhou",
        "guilin", "beihai", "haikou", "sanya", "chengdu", "mianyang", "deyang", "yibin", "luzhou", "zigong", "panzhihua",
        "guiyang", "zunyi", "kunming", "qujing", "lhasa", "xi'an", "baoji", "xianyang", "yulin", "yan'an", "lanzhou",
        "jiuquan", "jinchang", "baiyin", "xining", "yinchuan", "urumqi", "karamay", "kashgar", "hohhot", "baotou", "ordos",
        "hulunbuir", "chifeng", "shenyang", "dalian", "anshan", "fushun", "benxi", "dandong", "yingkou", "jinzhou",
        "changchun", "jilin city", "harbin", "daqing", "qiqihar", "mudanjiang", "shijiazhuang", "tangshan", "baoding",
        "handan", "qinhuangdao", "cangzhou", "langfang", "xiong'an", "taiyuan", "datong", "changzhi", "jincheng",
        "hong kong", "taipei", "taiwan",
    ]
)

#: Head nouns of equipment and devices (singular): machines, vehicles, sensors and the network gear they talk over. A thing
#: so headed "from" a company is that company's make ("sensors from Hikvision"), as a statement or an order from it is not.
DEVICE_HEADS = frozenset(["sensor", "camera", "robot", "vehicle", "hoist", "crane", "drone", "server", "station", "cell",
                          "module", "relay", "controller", "monitor", "gateway", "router", "switch", "firewall", "node",
                          "truck", "tractor", "machine", "detector", "meter", "antenna", "headset", "modem", "chip", "scanner",
                          "forklift", "excavator", "loader", "arm", "terminal", "device", "equipment", "hardware", "system",
                          "unit", "reader", "tag", "pump", "valve", "inverter", "charger", "battery", "display", "phone",
                          "handset", "tablet", "laptop", "computer", "workstation", "radar", "lidar", "turbine", "motor",
                          "drive", "actuator", "boat", "ship", "vessel", "locomotive", "train", "bus", "car", "shuttle"])

#: Nationality adjectives and the country each names (the common ones of the trade press).
DEMONYMS = {
    "chinese": "China", "american": "United States", "japanese": "Japan", "korean": "South Korea",
    "south korean": "South Korea", "german": "Germany", "french": "France", "british": "United Kingdom",
    "indian": "India", "taiwanese": "Taiwan", "swedish": "Sweden", "finnish": "Finland", "dutch": "Netherlands",
    "italian": "Italy", "spanish": "Spain", "russian": "Russia", "vietnamese": "Vietnam", "singaporean": "Singapore",
}
#: The countries the nationality adjectives name, in lower case (as search folds them).
DEMONYM_COUNTRIES = frozenset(name.lower() for name in DEMONYMS.values())

#: A direction naming a region of a place ("northern", "south-western", "central").
_REGION = re.compile(r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?\s+(?=[A-Z])", re.IGNORECASE)


def region_place(name: str) -> str:
    """The place a name of a region stands for: "northern Jiangsu", "northern Hebei province" → the province (the keys place
    a city "in northern Jiangsu" in Jiangsu); a region of a country keeps its name ("central China", "eastern China")."""
    region = _REGION.match(name)
    place = name[region.end():] if region is not None else name
    bare = re.sub(r"\s+(?:province|city)$", "", place, flags=re.IGNORECASE).lower()
    return place if region is not None and bare in PLACE_NAMES else name

#: What an owner has that stands nowhere: money, output, plans, people, measures ("the plant's workers", "the mine's
#: electricity bill", "the base's approach").
OWNED_NO_THINGS = frozenset(["subsidy", "output", "economy", "budget", "revenue", "sale", "export", "import", "growth", "plan",
                        "policy", "target", "goal", "share", "workforce", "staff", "worker", "employee", "customer", "client",
                        "user", "capacity", "production", "income", "profit", "cost", "price", "tax", "rule", "strategy",
                        "history", "data", "member", "partner", "supplier", "rival", "owner", "operator", "investment",
                        "approach", "effort", "programme", "program", "project", "push", "drive", "bid", "model", "bill", "bills"])

#: A quoted title of capitalised words: "Cyber Risks in Smart Agriculture", "Security in Shandong's Building Sector".
_QUOTED_TITLE = re.compile(r"[\"“](?:[A-Z0-9][\w'’-]*[,:]?\s+(?:(?:in|of|for|and|the|a|on|to)\s+)*)+[A-Z0-9][\w'’-]*[\"”]")


#: Provinces' peers that are cities of their own: no city lies in them as in a province, and "the province" is none of them.
MUNICIPALITIES = frozenset(["beijing", "shanghai", "chongqing", "tianjin", "hong kong", "macau", "macao"])
#: "blamed the attack | on a criminal group": what stands after "on" is to blame, nothing the attack was on.
BLAMED_BEFORE = re.compile(r"(?<![\w-])(?:blame|blames|blamed|blaming)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
#: A carrier's name or a word for one: "China Unicom's Xinjiang branch", "China Mobile Hunan", "the carrier".
CARRIER_WORD = re.compile(r"(?<![\w-])(?:Mobile|Unicom|Telecom|carrier)(?![\w-])")


def in_quoted_title(text: str, position: int) -> bool:
    """Whether ``position`` lies inside a quoted title, whose words name a report and place nothing."""
    return any(title.start() < position < title.end() for title in _QUOTED_TITLE.finditer(text))
