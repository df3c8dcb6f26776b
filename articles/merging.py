"""Three-way merge of an article: what the editor opened (base), what they send
(mine) and what someone saved meanwhile (theirs). Pure functions, no database.

Values are in the form of revision snapshots (``articles/services/revisions.py``):
text as text, times as ISO 8601, one reference as ``{"id", "name"}``, lists of
references as such dicts. A field only one side changed takes that side's value;
lists merge as sets (both sides' additions and removals); the body merges block by
block (paragraphs, subheadings, quotes, lists), so two people editing different
paragraphs both keep their work. Only the same field, or the same stretch of the
body, changed differently on both sides is an overlap, which the editor resolves with
a choice per overlap ("mine" or "theirs").
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from html.parser import HTMLParser

__all__ = ["MergeResult", "Overlap", "body_blocks", "merge", "merge_sequences"]

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class Overlap:
    """One place both sides changed differently: a field, or a stretch of body."""

    key: str  # "headline", or "body:2" (the third overlap in the body)
    name: str  # the field's name
    base: str
    mine: str
    theirs: str


@dataclass
class MergeResult:
    values: dict  # the merged value of every field given, overlaps as resolved
    theirs: list[str] = field(default_factory=list)  # fields that took their change
    overlaps: list[Overlap] = field(default_factory=list)  # unresolved ones

    @property
    def clean(self) -> bool:
        return not self.overlaps


def _text(value) -> str:
    return unicodedata.normalize("NFC", str(value or "").replace("\r\n", "\n")).strip()


def _same(name: str, a, b, *, times=(), refs=()) -> bool:
    if name in times:
        return _when(a) == _when(b)
    if name in refs:
        return (a or {}).get("id") == (b or {}).get("id")
    return _text(a) == _text(b)


def _when(value):
    return datetime.fromisoformat(value) if value else None


class _TopLevel(HTMLParser):
    """Where each top-level element of a fragment starts and ends in its source."""

    VOID = {"br", "hr", "img", "wbr"}

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source, self.depth, self.start = source, 0, 0
        self.lines = [0]
        for line in source.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.blocks: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start = self._offset()
        if tag in self.VOID:
            if self.depth == 0:
                self.blocks.append(self.source[self.start : self._end()])
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.start = self._offset()
            self.blocks.append(self.source[self.start : self._end()])

    def handle_endtag(self, tag):
        if tag in self.VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            self.blocks.append(self.source[self.start : self._end()])

    def handle_data(self, data):
        if self.depth == 0 and data.strip():
            self.blocks.append(f"<p>{data.strip()}</p>")

    def _end(self) -> int:
        return self.source.index(">", self._offset()) + 1


def body_blocks(html: str) -> list[str]:
    """The body's top-level blocks (paragraphs, subheadings, quotes, lists) as
    their HTML. Bodies are stored sanitized, so equal blocks are equal text."""
    html = (html or "").replace("\r\n", "\n").strip()
    if not html:
        return []
    parser = _TopLevel(html)
    parser.feed(html)
    parser.close()
    return [block.strip() for block in parser.blocks]


def _sync_regions(base, mine, theirs):
    """Where all three agree: (base_start, base_end, mine_start, mine_end,
    theirs_start, theirs_end), ending with an empty region at the three ends."""
    am = SequenceMatcher(None, base, mine, autojunk=False).get_matching_blocks()
    bm = SequenceMatcher(None, base, theirs, autojunk=False).get_matching_blocks()
    regions, i, j = [], 0, 0
    while i < len(am) and j < len(bm):
        a_base, a_at, a_len = am[i]
        b_base, b_at, b_len = bm[j]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            mine_at, theirs_at = a_at + start - a_base, b_at + start - b_base
            regions.append(
                (start, end, mine_at, mine_at + end - start,
                 theirs_at, theirs_at + end - start)
            )  # fmt: skip
        if a_base + a_len < b_base + b_len:
            i += 1
        else:
            j += 1
    regions.append(
        (len(base), len(base), len(mine), len(mine), len(theirs), len(theirs))
    )
    return regions


def merge_sequences(base: list, mine: list, theirs: list) -> list:
    """diff3 over lists: a list of items, where an unresolvable stretch is a tuple
    ``(base_items, mine_items, theirs_items)``."""
    out: list = []
    at_base = at_mine = at_theirs = 0
    for z0, z1, m0, m1, t0, t1 in _sync_regions(base, mine, theirs):
        b, m, t = base[at_base:z0], mine[at_mine:m0], theirs[at_theirs:t0]
        if b or m or t:
            out.extend(_resolve(b, m, t))
        out.extend(base[z0:z1])
        at_base, at_mine, at_theirs = z1, m1, t1
    return out


def _resolve(b: list, m: list, t: list) -> list:
    if m in (b, t):
        return list(t)
    if t == b:
        return list(m)
    if len(b) == len(m) == len(t) > 1:
        # Neighbouring blocks changed one by each side: merge them one by one.
        out = []
        for one in zip(b, m, t, strict=True):
            out.extend(_resolve(*([x] for x in one)))
        return out
    return [(b, m, t)]


def merge(base: dict, mine: dict, theirs: dict, *, times=(), refs=(), lists=(),
          body="body", choices: dict | None = None) -> MergeResult:  # fmt: skip
    """Merge the fields of ``mine`` (the keys that count) against ``base`` and
    ``theirs``. ``choices`` settles overlaps by key; one without a choice stays in
    ``overlaps`` (its value then is ``mine``'s, so nothing typed is lost)."""
    choices = choices or {}
    result = MergeResult(values={})
    for name, mine_value in mine.items():
        base_value, theirs_value = base.get(name), theirs.get(name)
        if name in lists:
            value = _merge_list(base_value or [], mine_value or [], theirs_value or [])
            if _ids(value) != _ids(mine_value or []):
                result.theirs.append(name)
        elif name == body:
            value = _merge_body(base_value, mine_value, theirs_value, result, choices)
        elif _same(name, mine_value, base_value, times=times, refs=refs):
            value = theirs_value
            if not _same(name, theirs_value, base_value, times=times, refs=refs):
                result.theirs.append(name)
        elif _same(name, theirs_value, base_value, times=times, refs=refs) or _same(
            name, mine_value, theirs_value, times=times, refs=refs
        ):
            value = mine_value
        elif choices.get(name) in (MINE, THEIRS):
            value = theirs_value if choices[name] == THEIRS else mine_value
            if choices[name] == THEIRS:
                result.theirs.append(name)
        else:
            value = mine_value
            result.overlaps.append(
                Overlap(name, name, *(_shown(v) for v in (base_value, mine_value,
                                                          theirs_value)))
            )  # fmt: skip
        result.values[name] = value
    return result


def _shown(value) -> str:
    if isinstance(value, dict):
        return str(value.get("name", ""))
    return "" if value is None else str(value)


def _ids(items) -> list:
    return [item["id"] for item in items]


def _merge_list(base: list, mine: list, theirs: list) -> list:
    """Both sides' additions and removals; mine's order, then theirs' additions."""
    base_ids, mine_ids, theirs_ids = set(_ids(base)), set(_ids(mine)), set(_ids(theirs))
    removed = (base_ids - mine_ids) | (base_ids - theirs_ids)
    merged, seen = [], set()
    for item in [*mine, *theirs]:
        if item["id"] not in removed and item["id"] not in seen:
            merged.append(item)
            seen.add(item["id"])
    return merged


def _merge_body(base, mine, theirs, result: MergeResult, choices: dict) -> str:
    merged = merge_sequences(body_blocks(base), body_blocks(mine), body_blocks(theirs))
    blocks, number = [], 0
    for item in merged:
        if not isinstance(item, tuple):
            blocks.append(item)
            continue
        b, m, t = item
        key = f"body:{number}"
        number += 1
        choice = choices.get(key)
        if choice == THEIRS:
            blocks.extend(t)
        elif choice == MINE:
            blocks.extend(m)
        else:
            blocks.extend(m)
            result.overlaps.append(Overlap(key, "body", *("\n".join(x) for x in item)))
    if blocks != body_blocks(mine):
        result.theirs.append("body")
    return "".join(blocks)
