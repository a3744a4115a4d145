"""Why each event was extracted, and why the near-misses were not (``rasad explain``).

The explanation is read off a finished :class:`~rasad.pipeline.Analysis` and reports what
the stages recorded when they decided: the occasion each event is and its mentions, the
status and reason of every occasion and near-miss, how each side got its country
(``Side.how``), the date (``date_how``) and the place (``PlaceHow`` with its words), and the
content with its evidence. A side's sector is shown from the title or body of the mention
that carries it.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rasad.extract.actors import ActorMention
from rasad.extract.events import Candidate, Rejection, Side
from rasad.extract.occasions import happened, pair_key
from rasad.extract.status import RejectKind, Status
from rasad.io.readers import ReadError
from rasad.io.writers import _bidi_display, _place
from rasad.model import Actor, Event, Mention, PlaceHow, Sentence
from rasad.pipeline import Analysis

FORMATS = ("text", "json")

# The kinds of near-miss an analyst asks about, by the status a cue gave or why no candidate was made.
_STATUS_KINDS = {
    Status.PLANNED: "plan", Status.INVITED: "plan", Status.DENIED: "denial", Status.REPORT_DENIED: "denial",
    Status.PURPOSE: "aim", Status.TOPIC: "topic", Status.GENERIC: "generic", Status.OPINION: "opinion",
    Status.RATIFIED: "ratification",
}


def reason_kind(r: Rejection) -> str:
    if r.kind is RejectKind.CUE:
        return _STATUS_KINDS.get(r.status, "other") if r.status else "other"
    return r.kind.value


# --------------------------------------------------------------------------- linking


def _key(c: Candidate) -> tuple[str, str, str]:
    return pair_key(c.type, c.source.country, c.target.country)


def _date_distance(a: str | None, b: str | None) -> int:
    if a == b:
        return 0
    if not a or not b or a.startswith(b) or b.startswith(a):
        return 1
    return 2


def link(analysis: Analysis) -> list[list[Candidate]]:
    """For each event, the mentions of its occasion, as the occasions stage recorded them: the
    events are the occasions that happened, in order, and each occasion keeps its parts, its
    head first."""
    return [list(o.parts) for o in happened(analysis.occasions)]


def _side_of(actor: Actor, parts: list[Candidate]) -> Side | None:
    """The candidate side the event's actor was taken from."""
    fallback = None
    for c in parts:
        for side in (c.source, c.target):
            if side.country != actor.country:
                continue
            if side.actor is not None and (side.actor.start, side.actor.end) == (actor.start, actor.end):
                return side
            if side.actor is None and actor.start < 0 and side.how == actor.how:
                return side
            fallback = fallback or side
    return fallback


# --------------------------------------------------------------------------- pieces


def _sentence(analysis: Analysis, index: int) -> dict[str, Any]:
    s: Sentence | None = next((x for x in analysis.sentences if x.index == index), None)
    if s is None:
        return {"index": index, "start": None, "end": None, "text": "", "heading": False}
    return {"index": s.index, "start": s.start, "end": s.end,
            "text": analysis.doc.text[s.start:s.end].strip(), "heading": s.is_heading}


def _trigger(m: Mention) -> dict[str, Any]:
    t = m.extra.get("trigger")
    return {"text": m.text, "start": m.start, "end": m.end,
            "label": getattr(t, "label", None), "strength": getattr(t, "strength", None),
            "role": getattr(t, "role", None) or None}


def _sector_how(side: Side | None, actor: Actor) -> str:
    am = side.actor if side is not None else None
    if am is None:
        if side is not None and side.how == "destination named":
            return "no host official named: the visitor's own sector"
        return f"no official named for this side: {actor.sector}"
    if am.kind == "group":
        if am.role:
            return f"the title ({am.role})"
        if am.heads:
            return f"the body ({', '.join(am.heads)})"
        return "the title chain"
    if am.kind == "counterpart":
        return "the same office as the official it is the counterpart of"
    if am.kind == "person-ref":
        return f"the person's title ({am.role})" if am.role else "the person named before"
    if am.kind == "nisba":
        return "nationality after a military noun" if am.sector == "MIL" else "a nationality alone is GOV"
    if am.kind in ("country", "org", "city"):
        return "a state named alone is GOV"
    return f"{am.kind} mention"


def _mention(am: ActorMention | None) -> dict[str, Any] | None:
    if am is None:
        return None
    return {"kind": am.kind, "text": am.text, "start": am.start, "end": am.end, "sentence": am.sentence,
            "how": am.how, "role": am.role, "preposition": am.preposition or None, "resident": am.resident}


def _side(actor: Actor, parts: list[Candidate]) -> dict[str, Any]:
    side = _side_of(actor, parts)
    am = side.actor if side is not None else None
    person = actor.person
    return {
        "country": actor.country,
        "sector": actor.sector,
        "text": actor.text,
        "how": actor.how or (side.how if side is not None else ""),
        "sector_how": _sector_how(side, actor),
        "mention": _mention(am),
        "person": None if person is None else {
            "name": person.name, "name_en": person.name_en, "role": person.role,
            "country": person.country, "how": person.how},
    }


_PLACE_WORDS = frozenset({"في", "الي", "لدي", "داخل", "ب", "بمدينه", "مدينه", "العاصمه", "بالعاصمه"})


def _location_how(event: Event, text: str) -> str:
    """How the place was found, as recorded when it was decided, with the words it came from."""
    if event.location.country is None:
        return PlaceHow.NONE.value
    span = event.place_evidence
    words = f": «{text[span.start:span.end]}»" if span is not None else ""
    return f"{event.place_how.value}{words}"


def _date(event: Event, analysis: Analysis) -> dict[str, Any]:
    if event.date:
        how = event.date_how or "no record of how"
    elif analysis.doc.published is None:
        how = "no date near the trigger and no publication date to resolve one"
    else:
        how = "no date near the trigger"
    return {"value": event.date, "how": how}


def _part(c: Candidate) -> dict[str, Any]:
    return {"sentence": c.sentence.index, "trigger": _trigger(c.trigger), "rule": c.rule,
            "confidence": round(c.confidence, 3), "date": c.date, "date_how": c.date_how or None,
            "location": {"country": c.location_country, "place": c.place}}


def _dropped_reason(c: Candidate, analysis: Analysis) -> str:
    """Why a candidate that passed the sentence filters did not become an event: the status its
    occasion was given over the whole story, as recorded then."""
    if c.source.country == c.target.country:
        return "both sides are the same state"
    occasion = next((o for o in analysis.occasions if any(p is c for p in o.parts)), None)
    if occasion is not None and occasion.why:
        return occasion.why
    return "not kept when repeats were merged into occasions"


def _rejection(r: Rejection, analysis: Analysis) -> dict[str, Any]:
    triggers = analysis.mentions.triggers if analysis.mentions else []
    m = next((t for t in triggers if t.sentence == r.sentence and t.text == r.trigger and t.value == r.type), None)
    trig = _trigger(m) if m is not None else {"text": r.trigger, "start": None, "end": None,
                                              "label": None, "strength": None, "role": None}
    return {"type": r.type, "trigger": trig, "sentence": _sentence(analysis, r.sentence),
            "reason": r.reason, "kind": reason_kind(r), "status": r.status.value if r.status else None,
            "pairs": [{"type": t, "source": a, "target": b} for t, a, b in r.pairs]}


# --------------------------------------------------------------------------- explanation


def _content(e: Event, text: str) -> list[dict[str, Any]]:
    """Each content value (areas, instrument, first, duration, level) with the words it was read from."""
    c = e.content
    cited = [("area", a) for a in c.areas]
    cited += [(label, v) for label, v in (("instrument", c.instrument), ("first", c.first),
                                          ("duration", c.duration)) if v is not None]
    out = [{"field": label, "value": v.value, "start": v.span.start, "end": v.span.end,
            "words": text[v.span.start:v.span.end]} for label, v in cited]
    if c.level:
        out.append({"field": "level", "value": c.level, "words": e.source.text,
                    "start": e.source.start, "end": e.source.end})
    return out


def explain(analysis: Analysis) -> dict[str, Any]:
    """One JSON-ready object: the document, each event with its reasons, and the near-misses."""
    doc = analysis.doc
    events = []
    used: set[int] = set()
    linked = link(analysis)
    for n, (e, parts) in enumerate(zip(analysis.events, linked, strict=True), 1):
        used.update(id(c) for c in parts)
        head = parts[0] if parts else None
        events.append({
            "n": n,
            "type": e.type,
            "trigger": _trigger(head.trigger) if head else {"text": e.trigger},
            "sentence": _sentence(analysis, head.sentence.index) if head else None,
            "rule": e.rule,
            "source": _side(e.source, parts),
            "target": _side(e.target, parts),
            "directed": e.type in ("VISIT", "MIL_AID"),
            "location": {"country": e.location.country, "place": e.location.place,
                         "how": _location_how(e, analysis.doc.text),
                         "how_code": e.place_how.name.lower(),
                         "evidence": e.place_evidence.to_dict() if e.place_evidence else None},
            "date": _date(e, analysis),
            "confidence": round(e.confidence, 3),
            "content": _content(e, analysis.doc.text),
            "mentions": [_part(c) for c in parts],
        })
    dropped = [{"type": c.type, "source": c.source.country, "target": c.target.country,
                "trigger": _trigger(c.trigger), "sentence": _sentence(analysis, c.sentence.index),
                "rule": c.rule, "reason": _dropped_reason(c, analysis)}
               for c in analysis.candidates if id(c) not in used]
    return {
        "id": doc.id,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "home_country": doc.home_country,
        "events": events,
        "rejected": [_rejection(r, analysis) for r in analysis.rejected],
        "dropped": dropped,
    }


# --------------------------------------------------------------------------- writers


class JsonExplainWriter:
    """One explanation object a line, Arabic unescaped."""

    def __init__(self, out: IO[str] | None) -> None:
        self._out = out

    def write(self, explanation: Mapping[str, Any]) -> None:
        (self._out or sys.stdout).write(json.dumps(explanation, ensure_ascii=False) + "\n")

    def close(self) -> None:
        (self._out or sys.stdout).flush()


class TextExplainWriter:
    """For a person at a terminal: each event, then its reasons, then the near-misses."""

    def __init__(self, out: IO[str] | None, *, bidi: bool = False, width: int | None = None,
                 color: bool | None = None) -> None:
        self._out = out
        self._bidi = bidi
        self._shape: Callable[[str], str] = _bidi_display() if bidi else (lambda s: s)
        self._width = width
        self._color = color

    def _file(self) -> IO[str]:
        return self._out if self._out is not None else sys.stdout

    def _console(self) -> tuple[Console, bool]:
        file = self._file()
        is_tty = file.isatty() if hasattr(file, "isatty") else False
        # As in the table writer: files and pipes get a fixed width and no colour codes.
        return Console(file=file, width=self._width or (None if is_tty else 120),
                       force_terminal=self._color, no_color=self._color is False,
                       highlight=False, soft_wrap=False), is_tty

    def _quote(self, text: str | None) -> str:
        return f"«{self._shape(text)}»" if text else "—"

    def _trigger(self, t: Mapping[str, Any]) -> str:
        extra = ", ".join(x for x in (t.get("label"), t.get("strength")) if x)
        return self._quote(t.get("text")) + (f" ({extra})" if extra else "")

    def _side(self, s: Mapping[str, Any]) -> Text:
        out = Text()
        out.append(f"{s['country']}/{s['sector']}", style="bold")
        out.append("  " + self._quote(s.get("text")))
        out.append(f"\n  country: {s.get('how') or '—'}")
        mention = s.get("mention")
        if mention and mention.get("how") and mention["how"] != s.get("how"):
            out.append(f" (mention: {mention['how']})")
        out.append(f"\n  sector: {s.get('sector_how')}")
        person = s.get("person")
        if person:
            en = f" ({person['name_en']})" if person.get("name_en") else ""
            out.append(f"\n  person: {self._shape(person['name'])}{en}")
        return out

    def _sentence(self, s: Mapping[str, Any] | None, width: int) -> str:
        if not s:
            return ""
        heading = ", headline" if s.get("heading") else ""
        line = f"sentence {s['index'] + 1}{heading}: {s.get('text') or ''}"
        if not self._bidi:
            return line
        # Reordered text cannot be wrapped afterwards (the first display line would hold the
        # sentence's end): wrap in logical order, then reorder each line.
        return "\n".join(self._shape(part) for part in textwrap.wrap(line, max(20, width)))

    def write(self, x: Mapping[str, Any]) -> None:
        console, is_tty = self._console()
        with console.capture() as captured:
            self._render(console, x)
        text = captured.get()
        if not is_tty:
            # Grid cells are padded to the column width; a file should not keep that padding.
            text = "\n".join(line.rstrip() for line in text.split("\n"))
        self._file().write(text)

    def _render(self, console: Console, x: Mapping[str, Any]) -> None:
        header = Text()
        header.append(str(x.get("id", "")), style="bold")
        if x.get("title"):
            header.append("  " + self._shape(x["title"]))
        if x.get("published"):
            header.append(f"  [{x['published']}]", style="dim")
        n, m = len(x["events"]), len(x["rejected"]) + len(x["dropped"])
        header.append(f"  {n} event{'s' if n != 1 else ''}, {m} near-miss{'es' if m != 1 else ''}", style="cyan")
        console.print(header)
        for e in x["events"]:
            arrow = "→" if e["directed"] else "–"
            title = Text(f"  {e['n']}. ", style="bold")
            title.append(e["type"], style="bold green")
            title.append(f"  {e['source']['country']} {arrow} {e['target']['country']}")
            where = _place(e["location"])
            if where:
                title.append(f"  {where}")
            if e["date"]["value"]:
                title.append(f"  {e['date']['value']}")
            title.append(f"  conf. {e['confidence']:.2f}", style="dim")
            console.print(title)
            grid = Table.grid(padding=(0, 2), pad_edge=False)
            grid.add_column(style="dim", no_wrap=True)
            grid.add_column(overflow="fold")
            grid.add_row("    trigger", Text(self._trigger(e["trigger"])))
            grid.add_row("", Text(self._sentence(e.get("sentence"), console.width - 16)))
            grid.add_row("    rule", Text(e["rule"] or "—"))
            grid.add_row("    source" if e["directed"] else "    side", self._side(e["source"]))
            grid.add_row("    target" if e["directed"] else "    side", self._side(e["target"]))
            grid.add_row("    date", Text(f"{e['date']['value'] or 'none'}: {self._shape(e['date']['how'])}"))
            grid.add_row("    place", Text(f"{where or 'none'}: {self._shape(e['location']['how'])}"))
            for item in e.get("content", []):
                grid.add_row(f"    {item['field']}",
                             Text(f"{item['value']}: «{self._shape(item['words'])}» at {item['start']}–{item['end']}"))
            scores = ", ".join(f"{p['confidence']:.2f}" for p in e["mentions"])
            told = len(e["mentions"])
            grid.add_row("    confidence", Text(f"{e['confidence']:.2f} from {told} mention{'s' if told != 1 else ''}"
                                              + (f" ({scores})" if told > 1 else "")))
            console.print(grid)
        if not x["events"]:
            console.print(Text("  no in-scope event", style="dim"))
        if x["rejected"] or x["dropped"]:
            console.print(Text("  near-misses", style="bold yellow"))
            grid = Table.grid(padding=(0, 2), pad_edge=False)
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            misses = [(f"    {r['type']} {self._trigger(r['trigger'])}", r) for r in x["rejected"]]
            misses += [(f"    {d['type']} {self._trigger(d['trigger'])}", d) for d in x["dropped"]]
            room = console.width - max(len(label) for label, _ in misses) - 3
            for label, miss in misses:
                if "kind" in miss:  # rejected at the sentence filters
                    why = Text(miss["reason"], style="yellow")
                    if miss["pairs"]:
                        why.append("  would have been " + ", ".join(
                            f"{p['source']}–{p['target']}" for p in miss["pairs"]), style="dim")
                else:  # dropped when occasions were merged
                    why = Text(f"{miss['source']}–{miss['target']}: {miss['reason']}", style="yellow")
                why.append("\n" + self._sentence(miss["sentence"], room), style="dim")
                grid.add_row(Text(label), why)
            console.print(grid)
        console.print()

    def close(self) -> None:
        self._file().flush()


def make_explain_writer(fmt: str, out: IO[str] | None = None, *,
                        bidi: bool = False) -> JsonExplainWriter | TextExplainWriter:
    if fmt == "json":
        return JsonExplainWriter(out)
    if fmt == "text":
        return TextExplainWriter(out, bidi=bidi)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def explain_documents(items: Iterable[Any], writer: JsonExplainWriter | TextExplainWriter,
                      skip: Callable[[str, str], None], time_budget: float | None = None, *,
                      workers: int = 1) -> int:
    """Explain every readable document of ``items`` (documents and read errors, as
    :func:`rasad.io.readers.read_documents` yields them); return how many were explained.
    A document whose analysis takes longer than ``time_budget`` seconds is skipped as too slow.
    With ``workers`` > 1 the documents are explained in that many processes, in input order."""
    from rasad.parallel import Explanations, TaskError, ordered_map

    done = 0
    for item, result in ordered_map(Explanations(time_budget), items, workers=workers,
                                    document=lambda x: None if isinstance(x, ReadError) else x):
        if isinstance(item, ReadError):
            skip(item.label, item.reason)
        elif isinstance(result, TaskError):
            skip(item.id, result.reason)
        else:
            writer.write(result)
            done += 1
    writer.close()
    return done
