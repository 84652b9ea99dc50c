#!/usr/bin/env python3
"""Synthetic corpus of ITU and UN General Assembly resolutions, seeded, with planted citations.

    python bench/synth.py --docs 10000 --seed 1 --out DIR [--languages en,fr,es]

Writes ``DIR/itu/`` (PP, Council, WTSA, WTDC acts: header, formula, headed sections of lettered
or numbered clauses), ``DIR/unga/`` (cover page, one paragraph per opening phrase, lines broken
as in a PDF's text) and ``DIR/truth.jsonl``: per file, each planted citation with its section
function, clause label, exact span and gold target (``../shared/gold/README.md``).
The seed fixes a world: ITU acts re-adopted at successive conferences (each version recalls the
one it revises), UNGA series re-adopted each session, and skewed pools of cited instruments.
N documents are the first N of one order (popular series first; the mix of ``synth.toml`` at
every prefix); each text is drawn from a generator seeded by its name, so the same seed and
size give byte-identical files. Phrases: ``bench/synth.toml``; functions and months:
``src/reskg/lang/``; places, years and instrument names: ``data/authority/``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tomllib
from bisect import bisect
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from reskg.authority import load_authority
from reskg.resources import lang_dir

M = tomllib.loads(Path(__file__).with_name("synth.toml").read_text(encoding="utf-8"))
W = M["world"]
SHORT = {"ITU-PP": "pp", "ITU-Council": "council", "ITU-WTSA": "wtsa", "ITU-WTDC": "wtdc"}
FIELD = re.compile(r"\{(?:(\w+) )?(\w+)\}")  # "{c}"; "{de c}": a preposition, contracted
TARGET = ("issuer", "type", "number", "version_year", "version_place", "title_en", "self")


@dataclass(frozen=True)
class Act:
    """One adopted text: a version of an ITU act, a UN resolution, a WRC act, a Recommendation."""

    body: str
    number: str
    year: int
    place: str | None = None  # canonical English place of the adopting conference
    day: date | None = None  # adoption date (UN)
    first: bool = False  # first adoption under this number: printed without "Rev."
    series: int = -1  # index in World.series; -1 for acts that are only cited
    topic: int = 0

    def gold(self, versioned: bool = True) -> dict[str, Any]:
        """The target the extraction contract gives a citation of this act."""
        number = f"{self.number} ({self.year})" if self.body == "UNSC" else self.number
        kind = "recommendation" if self.body == "ITU-T" else "resolution"
        if not (versioned and self.body.startswith("ITU") and self.body != "ITU-T"):
            return target(self.body, kind, number)
        return target(self.body, kind, number, self.year, self.place)


@dataclass(frozen=True)
class Cite:
    """One planted mention: its kind and what it names (several for a list)."""

    kind: str  # itu, unga, sc, ecosoc, hrc, wrc, rec, named, self
    items: tuple[Any, ...] = ()
    versioned: bool = True
    shared: bool = False  # one conference's acts: the revision printed once, after the last


class Pool:
    """Draws by weight; by default the item of rank r weighs 1 / (r + 1) ** zipf."""

    def __init__(self, items: list[Any], weights: list[float] | None = None) -> None:
        self.items = items
        ranks = [1 / (r + 1) ** W["zipf"] for r in range(len(items))]
        self.cum = list(accumulate(weights or ranks))

    def draw(self, rng: random.Random) -> Any:
        return self.items[bisect(self.cum, rng.random() * self.cum[-1])]


def cited_only(rng: random.Random, kind: str) -> Act:
    """An act of a body whose texts are not generated: only cited, with its number's shape."""
    y = rng.randint(1990, 2025)
    if kind == "sc":  # numbers follow the years: 1325 (2000), 2222 (2015)
        return Act("UNSC", str(660 + (y - 1990) * 60 + rng.randrange(60)), y)
    if kind == "ecosoc":
        return Act("ECOSOC", f"{y}/{rng.randint(1, 40)}", y, day=date(y, 7, 20))
    if kind == "hrc":  # three sessions a year since 2006
        s = rng.randint(1, 58)
        y = 2006 + (s - 1) // 3
        return Act("HRC", f"{s}/{rng.randint(1, 40)}", y, day=date(y, 3 + 3 * (s % 3), 28))
    if kind == "wrc":
        return Act("ITU-WRC", str(rng.randint(1, 800)), rng.choice((2003, 2007, 2012, 2015, 2019)))
    return Act("ITU-T", f"{rng.choice('DEXYLKGHQF')}.{rng.randint(1, 1200)}", 1990)


class World:
    """The instruments of one seed: series of texts in corpus order, pools of what is cited."""

    def __init__(self, seed: int, languages: list[str]) -> None:
        rng = random.Random(f"{seed}/world")
        self.seed, self.languages, self.authority = seed, languages, load_authority()
        queues = {"unga": iter(self._unga(rng)), **{b: iter(c) for b, c in self._itu(rng).items()}}
        done: dict[str, int] = defaultdict(int)
        self.series: list[list[Act]] = []
        while queues:  # interleave the families so that every prefix keeps the mix
            total = sum(done.values())
            family = max(queues, key=lambda f: (W["mix"][f] * (total + 1) - done[f], f))
            acts = next(queues[family], None)
            if acts is None:
                del queues[family]
                continue
            topic, i = rng.randrange(len(M["en"]["subjects"])), len(self.series)
            self.series.append([replace(a, series=i, topic=topic) for a in acts])
            done[family] += len(acts) * len(languages)
        self.capacity = sum(done.values())
        itu = [s for s in self.series if s[0].body != "UNGA"]
        self.by_conf: dict[tuple[str, int], list[Act]] = defaultdict(list)
        for a in (a for s in itu for a in s):
            self.by_conf[a.body, a.year].append(a)
        hubs = [
            [Act("UNGA", h["number"], int(h["date"][:4]), day=date.fromisoformat(h["date"]))]
            for h in M["unga_hub"]
        ]
        unga = [s for s in self.series if s[0].body == "UNGA"]
        ranks = [1 / (r + 1) ** W["zipf"] for r in range(len(unga))]
        weights = [h["weight"] for h in M["unga_hub"]] + ranks
        self.pools = {"itu": Pool(itu), "unga": Pool(hubs + unga, weights)}
        for kind in ("sc", "ecosoc", "hrc", "wrc", "rec"):
            self.pools[kind] = Pool([[cited_only(rng, kind)] for _ in range(200)])
        self.named = Pool(*map(list, zip(*M["named"]["weights"].items(), strict=True)))
        self.named_year = {i.key: self._year(i) for i in self.authority.instruments}
        for lang in languages:  # every spelling printed must be one the authority data knows
            for place, spelling in M[lang]["places"].items():
                if self.authority.canonical_place(spelling) != place:
                    sys.exit(f"synth.toml: [{lang}] {spelling!r} is not {place} in the authority")

    def _itu(self, rng: random.Random) -> dict[str, list[list[Act]]]:
        """Version chains: each number adopted once, then revised at later conferences."""
        out = {}
        for body, (lo, hi) in W["numbers"].items():
            y0, y1 = W["council_years"]
            stops = [
                (c.year, c.place)
                for c in self.authority.conferences
                if c.body == body and c.year >= W["first_conference"].get(body, 0)
            ]
            stops = (
                sorted(stops) if body != "ITU-Council" else [(y, None) for y in range(y0, y1 + 1)]
            )
            chains = []
            for n in range(lo, hi + 1):
                i, acts = min(rng.randrange(len(stops)), rng.randrange(len(stops))), []
                while i < len(stops) and (not acts or rng.random() > 0.12):
                    acts.append(Act(body, str(n), stops[i][0], stops[i][1], first=not acts))
                    i += rng.randint(1, 4) if body == "ITU-Council" else 1
                chains.append(acts)
            rng.shuffle(chains)
            out[body] = chains
        return out

    def _unga(self, rng: random.Random) -> list[list[Act]]:
        """Series of resolutions on one topic, re-adopted every session or every other one."""
        lo, hi = W["unga_sessions"]
        hubs = {h["number"] for h in M["unga_hub"]}
        free = {
            s: [n for n in range(1, W["unga_per_session"] + 1) if f"{s}/{n}" not in hubs]
            for s in range(lo, hi + 1)
        }
        for numbers in free.values():
            rng.shuffle(numbers)
        left, chains = sum(map(len, free.values())), []
        while left > 0.05 * (hi - lo + 1) * W["unga_per_session"]:
            s, step, acts = rng.randint(lo, hi), rng.choice((1, 1, 2)), []
            while s <= hi and (not acts or rng.random() > 0.1):
                if free[s]:
                    day = date(1945 + s, 12, rng.randint(1, 23))
                    acts.append(Act("UNGA", f"{s}/{free[s].pop()}", 1945 + s, day=day))
                    left -= 1
                s += step
            chains += [acts] if acts else []
        return chains

    def _year(self, inst: Any) -> int:
        if inst.version_year or inst.adopted_by:
            return inst.version_year or 1945 + int(inst.adopted_by.split("/")[0])
        return int(M["named"]["years"].get(inst.key, 1900))

    def documents(self, count: int) -> list[tuple[Act, str]]:
        if count > self.capacity:
            sys.exit(f"this world holds {self.capacity} documents; asked for {count}")
        return [(a, lang) for s in self.series for a in s for lang in self.languages][:count]


class Lang:
    """One language's phrase material; section functions from reskg's phrase tables."""

    def __init__(self, code: str) -> None:
        self.code, self.m, self.c = code, M[code], M[code]["cite"]
        sec, identity = (
            tomllib.loads((lang_dir() / code / f"{name}.toml").read_text("utf-8"))
            for name in ("sections", "identity")
        )
        self.openers = {fold(k): v for k, v in sec["openers"].items()}
        self.openers_un = {fold(k): v for k, v in sec.get("openers_un", {}).items()}
        self.months = identity["unga"]["months"]

    def function(self, heading: str, part: str, un: bool) -> str:
        """The function the tables give the longest opener ``heading`` starts with (as the
        parser reads it: ``[openers_un]`` first in UN texts, a phrase of one part keeps it)."""
        key = fold(heading) + " "
        found = [k for k in {*self.openers, *self.openers_un} if key.startswith(k + " ")]
        if not found:
            sys.exit(f"synth.toml: {heading!r} opens no section in lang/{self.code}/sections.toml")
        k = max(found, key=len)
        e = (self.openers_un.get(k) if un else None) or self.openers.get(k) or self.openers_un[k]
        return str(e.get(part) or e.get("preamble") or e.get("operative"))

    def date(self, d: date) -> str:
        month = self.months[d.month - 1]
        day = "1er" if self.code == "fr" and d.day == 1 else d.day
        return str(self.m["date"]).format(
            day=day, year=d.year, month=month.capitalize() if self.code == "en" else month
        )


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


def target(issuer: Any, kind: str = "resolution", *facts: Any, own: bool = False) -> dict:
    """The gold fields of a target: issuer, type, number, version year and place, title."""
    values = (issuer, kind, *facts, *(None,) * (4 - len(facts)), own)
    return dict(zip(TARGET, values, strict=True))


class Text:
    """A document being written: its characters and the citations planted in them."""

    def __init__(self, world: World, act: Act, lang: Lang, rng: random.Random) -> None:
        self.world, self.act, self.lang, self.rng = world, act, lang, rng
        self.parts: list[str] = []
        self.n = 0
        self.truth: list[dict[str, Any]] = []
        self.where = ("", "")  # (function, clause label) being written

    def add(self, s: str) -> None:
        self.parts.append(s)
        self.n += len(s)

    def fill(self, template: str, values: dict[str, Any]) -> None:
        """Write ``template``; each citation field is recorded with its exact span."""
        contractions, pos = self.lang.m["contractions"], 0
        for m in FIELD.finditer(template):
            self.add(template[pos : m.start()])
            prep, value = m.group(1), values[m.group(2)]
            lead, rest = value if isinstance(value, tuple) else value.partition(" ")[::2]
            if prep and f"{prep} {lead}" in contractions:  # "de le" -> "du"
                lead, prep = contractions[f"{prep} {lead}"], None
            words = " ".join(w for w in (prep, lead) if w)
            self.add(words + ("" if not words or words.endswith("'") or not rest else " "))
            start = self.n
            self.add(rest)
            row = dict(zip(("function", "clause"), self.where, strict=True))
            row |= {"surface": rest, "start": start, "end": self.n}
            self.truth += [{**row, "target": t} for t in values.get("@" + m.group(2), ())]
            pos = m.end()
        self.add(template[pos:])

    def clause(self, frames: Any, cites: list[Cite], end: str, un: bool, **extra: Any) -> None:
        """A frame of ``frames`` (a list, or one template) with its fields drawn, then ``end``."""
        rng, m = self.rng, self.lang.m
        values: dict[str, Any] = {k: rng.choice(m[k]) for k in ("subjects", "verbs", "actions")}
        values |= {"s": values["subjects"], "v": values["verbs"], "a": values["actions"], **extra}
        for name, cite in zip(("c", "c2"), cites, strict=False):
            values[name], values["@" + name] = self.cite(cite, un, second=name == "c2")
        if isinstance(frames, list):  # a name right before these words reads as another name
            named = [n for n, c in zip(("c", "c2"), cites, strict=False) if c.kind == "named"]
            bad = [f"{{{n}}} {w} " for n in named for w in m["named_not_before"]]
            frames = rng.choice([f for f in frames if not any(b in f for b in bad)] or frames)
        if "self}" in frames:
            values["self"], values["@self"] = self.cite(Cite("self"), un)
        self.fill(frames, values)
        self.add(end)

    def cite(self, cite: Cite, un: bool, second: bool = False) -> tuple[tuple[str, str], list]:
        """(lead, surface) of ``cite`` in this language, and the targets it names. A second
        Assembly citation in a UN clause names the Assembly: after another body's act, "its
        resolution" or a bare "resolution 70/1" reads as that body's."""
        c, rng, kind, plural = self.lang.c, self.rng, cite.kind, len(cite.items) > 1
        noun, lead = (c["un_noun"], c["un_lead"]) if un else (c["noun"], c["lead"])
        noun, lead, acts = noun[plural], lead[plural], list(cite.items)
        if kind == "self":
            surface = rng.choice(c["self_un" if un else "self_itu"])
            return (c["self_lead"], surface), [target(self.act.body, own=True)]
        if kind == "named":
            inst = self.world.authority.instrument(acts[0])
            assert inst is not None
            facts = (inst.adopted_by, inst.version_year, None, inst.title_en)
            return self.alias(inst), [target(inst.issuer, inst.type, *facts)]
        v, targets = cite.versioned, [a.gold(cite.versioned) for a in acts]
        if kind in ("wrc", "rec"):
            a = acts[0]
            text = rng.choice(c[kind]).format(noun=noun, num=a.number, yy=f"{a.year % 100:02}")
            return (c["rec_lead"] if kind == "rec" else lead, text), targets
        if kind == "itu" and acts[0].body == "ITU-Council":
            paren = c["council_first"] if acts[0].first else rng.choice(c["mod"])
            form = rng.choice(c["council_one" if cite.versioned else "council_list"])
            nums = self.join([a.number for a in acts])
            text = form.format(noun=noun, nums=nums, paren=paren.format(year=acts[0].year))
        elif kind == "itu":
            items = self.join([a.number + self.paren(a, cite) for a in acts])
            same = acts[0].body == self.act.body and acts[0].year == self.act.year
            bodies = c["this_conference"] if same and v else c["body"][acts[0].body]
            form = f"{{noun}} {items} {rng.choice([b for b in bodies if b or v])}".rstrip()
            text = form.format(noun=noun)
        else:
            forms = c["unga_own" if un else "unga_itu"] if kind == "unga" else c[kind]
            if second and un and kind == "unga":
                forms = [f for f in forms if "{its}" not in f and f != "{noun} {items}"]
            dated = un and rng.random() < 0.5 and any(f.endswith("{items}") for f in forms)
            form = rng.choice([f for f in forms if f.endswith("{items}") or not dated])
            dates = [
                c["date"].format(date=self.lang.date(a.day)) if dated and a.day else ""
                for a in acts
            ]
            sc = [f" ({a.year})" if kind == "sc" else "" for a in acts]
            items = self.join([a.number + y + d for a, y, d in zip(acts, sc, dates, strict=True)])
            text = form.format(noun=noun, items=items, its=c["its"][plural])
        return (lead if form.startswith("{noun}") else "", text), targets

    def paren(self, a: Act, cite: Cite) -> str:
        if not cite.versioned or (cite.shared and a is not cite.items[-1]):
            return ""
        form = self.lang.c["first"] if a.first else self.rng.choice(self.lang.c["rev"])
        return " " + form.format(place=self.lang.m["places"].get(a.place, a.place), year=a.year)

    def join(self, items: list[str]) -> str:
        sep, last = self.lang.c["list"]
        return items[0] if len(items) == 1 else sep.join(items[:-1]) + last + items[-1]

    def alias(self, inst: Any) -> tuple[str, str]:
        """A name of ``inst`` in this language; in ITU texts the bare "Constitution", and
        in English a provision of it ("Article 12 of the Constitution")."""
        rng, c, itu = self.rng, self.lang.c, self.act.body != "UNGA"
        names = dict(inst.bare if itu and inst.bare and rng.random() < 0.3 else inst.aliases)
        names = names[self.lang.code]
        name = names[0] if rng.random() < 0.6 else rng.choice(names)
        lead = c["named_lead"].get(name.split(" ")[0], c["named_lead"]["default"])
        if itu and c["provision"] and inst.key.startswith("itu-") and rng.random() < 0.3:
            return "", rng.choice(c["provision"]).format(n=rng.randint(1, 60), c=f"{lead} {name}")
        return lead, name


# -- plans: what a text holds, the same in every language -------------------------------------


def un_key(a: Act) -> tuple[int, int]:
    session, _, number = a.number.partition("/")
    return int(session), int(number or 0)


def draw(world: World, act: Act, rng: random.Random) -> Cite:
    """A citation a text of ``act`` makes: of an act adopted before it (or at its conference)."""
    style = "unga" if act.body == "UNGA" else "itu"
    kind = rng.choices(list(M["kinds"][style]), weights=list(M["kinds"][style].values()))[0]
    own = un_key(act) if style == "unga" else (act.year - 1945, 10**6)
    for attempt in range(16):
        kind = "named" if attempt == 8 else kind  # nothing of that kind yet: a named instrument
        if kind == "named":
            key = world.named.draw(rng)
            itu_only = style == "unga" and key in M["named"]["itu_only"]
            if world.named_year[key] <= act.year and not itu_only:
                return Cite("named", (key,))
            continue
        chain = [
            a
            for a in world.pools[kind].draw(rng)
            if (un_key(a) < own if kind == "unga" else a.year <= act.year)
            and (a.year < act.year or a.body == act.body or kind != "itu")
        ]
        if not chain or chain[0].series == act.series >= 0:
            continue
        first = chain[-1] if rng.random() < 0.7 else rng.choice(chain)
        if kind == "itu":
            council = first.body == "ITU-Council"
            versioned = rng.random() > (0.3 if council else 0.1)
            more = [a for a in world.by_conf[first.body, first.year] if a.series != act.series]
            if rng.random() < 0.15 and len(more) > 2:  # "Resolutions 101, 102 and 133 (Rev. ...)"
                items = sorted({first, *rng.sample(more, 2)}, key=lambda a: int(a.number))
                return Cite("itu", tuple(items), versioned and not council, not council)
            return Cite("itu", (first,), versioned)
        if kind in ("unga", "sc") and rng.random() < 0.15:  # "resolutions 70/1 and 70/125"
            other = [a for a in world.pools[kind].draw(rng) if un_key(a) < un_key(first)]
            return Cite(kind, tuple(sorted({first, *other[-1:]}, key=un_key)))
        return Cite(kind, (first,))
    return Cite("named", ("un-charter",))


Plan = list[tuple[str, str, bool, list[tuple[str, list[Cite]]]]]


def plan(world: World, act: Act, rng: random.Random) -> Plan:
    """Sections (part, role, repeated, clauses), each clause (frames key, citations)."""
    chain = world.series[act.series]
    earlier, un, roles = chain[: chain.index(act)], act.body == "UNGA", M["roles"]
    p = "un_" if un else "itu_"
    names = ["recalling"] if earlier or rng.random() < 0.7 else []
    names += [
        rng.choice(roles[p + "preamble"]) for _ in range(rng.randint(*(4, 11) if un else (1, 4)))
    ]
    names = [r for i, r in enumerate(names) if names[:i].count(r) < 2]
    names = sorted(names, key=names.index)  # a repeat follows its first use: "considering further"
    out: Plan = []
    for i, role in enumerate(names):
        clauses = []
        for _ in range(1 if un else rng.randint(1, 6)):
            r = rng.random()
            n = 1 if r < 0.5 else 2 if r < 0.6 else 0
            kind = p + ("plain", "cite1", "cite2")[n]
            clauses.append((kind, [draw(world, act, rng) for _ in range(n)]))
        if i == 0 and earlier:  # a version recalls the one it revises; a UN text, its series
            items = tuple(earlier[-3:]) if un else (earlier[-1],)
            clauses[0] = (p + "cite1", [Cite("unga" if un else "itu", items)])
            if not un and len(earlier) > 1 and rng.random() < 0.3:
                clauses.insert(1, (p + "cite1", [Cite("itu", (earlier[0],))]))
        out.append(("preamble", role, names[:i].count(role) > 0, clauses))
    if un:
        for _ in range(rng.randint(4, 12)):
            role = rng.choice(roles["un_ask"] + roles["un_state"])
            kind = "un_ask_" if role in roles["un_ask"] else "un_state_"
            cites = [draw(world, act, rng)] if rng.random() < 0.3 else []
            out.append(("operative", role, False, [(kind + ("cite" if cites else "plain"), cites)]))
        for role, chance in (("report", 0.7), ("decides", 0.6)):
            out += [("operative", role, False, [(role, [])])] if rng.random() < chance else []
        return out
    picked = ["resolves"] if rng.random() < 0.7 else []
    picked += [r for r in rng.sample(roles["itu_operative"], rng.randint(1, 3)) if r not in picked]
    picked.sort(key=roles["itu_operative"].index)  # "resolves" first, as the Final Acts print
    for role in picked:
        clauses = []
        for _ in range(rng.randint(1, 5)):
            cites = [draw(world, act, rng)] if rng.random() < 0.3 else []
            clauses.append(("itu_op_cite" if cites else "itu_op_plain", cites))
        out.append(("operative", role, False, clauses))
    if rng.random() < 0.6:
        out[-1][3][-1] = ("itu_self", [])
    return out


# -- rendering ---------------------------------------------------------------------------------


def wrap(text: str, width: int = 80) -> str:
    """Break lines at spaces as a PDF's text does; the length, so every offset, is unchanged."""
    chars, start, space = list(text), 0, -1
    for i, ch in enumerate(chars):
        if ch == "\n":
            start, space = i + 1, -1
        elif ch == " ":
            space = i
        if i - start >= width and space > start:
            chars[space], start, space = "\n", space + 1, -1
    return "".join(chars)


def render(world: World, act: Act, lang: Lang) -> Text:
    """The text of ``act`` in ``lang``, with the citations planted in it."""
    name = f"{world.seed}/{act.body}/{act.number}/{act.year}"
    sections = plan(world, act, random.Random(name))
    t = Text(world, act, lang, random.Random(f"{name}/{lang.code}"))
    m, rng, un = lang.m, t.rng, act.body == "UNGA"
    forms = m["un_title" if un else "itu_title"]
    title = forms[act.series % len(forms)].format(s=m["subjects"][act.topic])
    title = title[0].upper() + title[1:]
    (cover_un if un else cover_itu)(t, title)
    session = int(act.number.split("/")[0]) - W["unga_sessions"][0] if un else -1
    extra = {"next": m["sessions"][session + 1].lower(), "title": title}
    count, sep = {"preamble": 0, "operative": 0}, rng.choice(m["label_sep"])
    for si, (part, role, repeated, clauses) in enumerate(sections):
        end = "." if si == len(sections) - 1 else None
        if not un:
            heading, who, conn = m["itu_operative"].get(role, (m["itu_preamble"].get(role), "", ""))
            function = lang.function(heading, part, un=False)
            t.add("\n" + heading + (" " + rng.choice(m["further"]) if repeated else ""))
            t.add((" " + who if who else "") + "\n")
            for ci, (kind, cites) in enumerate(clauses):
                t.where = (function, chr(97 + ci) if part == "preamble" else str(ci + 1))
                label = t.where[1] + (")" if part == "preamble" else "")
                t.add(label + sep + (conn + " " if conn else ""))
                last = ci == len(clauses) - 1
                t.clause(m[kind], cites, (end or ",") if last else ";", False)
                t.add("\n")
            continue
        start, (kind, cites) = len(t.parts), clauses[0]
        count[part] += 1
        t.add("\n" + (f"{count[part]}. " if part == "operative" else ""))
        frames, actions, lead = m.get(kind), m["actions"], ""
        if part == "preamble":
            heading = m["un_preamble"][role]
        elif role in ("report", "decides"):
            heading, frames = m["un_" + role]
        elif role in m["un_ask"]:
            heading, who, conn, plural = m["un_ask"][role]
            lead = f"{who} {conn} "
            actions = m.get("actions_un_plural" if plural else "actions_un", actions)
        else:
            heading = m["un_state"][role]
        t.where = (lang.function(heading, part, un=True), str(count[part]))
        t.add(heading + (" " + rng.choice(m["also"]) if repeated else "") + " " + lead)
        mark = "," if part == "preamble" else end or ";"
        t.clause(frames, cites, mark + "\n", True, **extra, a=rng.choice(actions))
        t.parts[start:] = [wrap("".join(t.parts[start:]))]
    if un:
        assert act.day is not None
        n = rng.randint(40, 80)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        t.add("\n" + m["meeting"].format(n=n, suffix=suffix) + "\n" + lang.date(act.day) + "\n")
    text = "".join(t.parts)
    for cite in t.truth:  # as printed: a broken line puts a line break in a surface
        cite["surface"] = text[cite["start"] : cite["end"]]
    return t


def cover_un(t: Text, title: str) -> None:
    """Symbol, session, agenda item, adoption date, committee, number and title."""
    m, act, rng = t.lang.m, t.act, t.rng
    assert act.day is not None
    session = int(act.number.split("/")[0])
    fields = {"issued": t.lang.date(act.day + timedelta(days=3)), "adopted": t.lang.date(act.day)}
    fields |= {"s": session, "session": m["sessions"][session - W["unga_sessions"][0]]}
    fields |= {"item": rng.randint(10, 140), "report": rng.randint(300, 650), "title": title}
    fields |= {"committee": rng.choice(m["committees"]), "number": act.number}
    t.add("\n".join(line.format(**fields) for line in m["un_cover"]) + "\n")


def cover_itu(t: Text, title: str) -> None:
    """Header "RESOLUTION 140 (REV. BUCHAREST, 2022)", title and enacting formula."""
    m, act = t.lang.m, t.act
    place = m["places"].get(act.place, act.place)
    if act.body == "ITU-Council":
        paren = m["header_council_first" if act.first else "header_mod"].format(year=act.year)
    else:
        form = m["header_first" if act.first else "header_rev"]
        paren = form.format(place=str(place).upper(), year=act.year)
    t.add(m["header"].format(number=act.number, paren=paren) + "\n")
    plenary = m["plenary"].format(ord=t.rng.choice(m["ordinals"]))
    t.add((plenary if act.body == "ITU-Council" else "") + "\n" + title + "\n")
    t.add(m["formula"][act.body].format(place=place, year=act.year) + "\n")


def file_name(act: Act, lang: str) -> str:
    if act.body == "UNGA":
        return f"unga/unga-{act.number.replace('/', '-')}-{lang}.txt"
    return f"itu/itu-{SHORT[act.body]}-res{act.number}-{act.year}-{lang}.txt"


def generate(docs: int, seed: int, out: Path, languages: list[str]) -> dict[str, int]:
    """Write ``docs`` documents and ``truth.jsonl`` into ``out``; return counts."""
    world, langs = World(seed, languages), {code: Lang(code) for code in languages}
    for sub in ("itu", "unga"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    stats = {"documents": 0, "bytes": 0, "citations": 0}
    with (out / "truth.jsonl").open("w", encoding="utf-8", newline="\n") as truth:
        for act, code in world.documents(docs):
            t = render(world, act, langs[code])
            data = "".join(t.parts).encode("utf-8")
            (out / file_name(act, code)).write_bytes(data)
            row = {"file": file_name(act, code), "style": "unga" if act.body == "UNGA" else "itu"}
            row |= {"body": act.body, "language": code, "citations": t.truth}
            truth.write(json.dumps(row, ensure_ascii=False) + "\n")
            stats["documents"] += 1
            stats["bytes"] += len(data)
            stats["citations"] += sum(not c["target"]["self"] for c in t.truth)
    return stats


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True, help="how many documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    parser.add_argument("--languages", default=",".join(W["languages"]))
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    stats = generate(args.docs, args.seed, args.out, args.languages.split(","))
    print(
        f"{stats['documents']} documents, {stats['bytes'] / 1e6:.1f} MB, "
        f"{stats['citations']} citations planted (self references aside) in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
