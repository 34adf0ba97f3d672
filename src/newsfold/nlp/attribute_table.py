"""The attribute ruler's coarse tags and lemmas, looked up in a table instead of run through a Matcher.

en_core_web_sm's `attribute_ruler` maps the tagger's fine tags to coarse parts of speech (NN to NOUN)
with a few exceptions by word and dependency label ("that" as WDT is PRON, "do" as ROOT is VERB). It
does this with a token Matcher, which costs as much as the parser. Its single-token patterns depend
only on a token's tag, lower-cased form, dependency label and whether it is whitespace, so the result
for each such combination is worked out once and cached; the few two-token patterns are checked
directly. Patterns are the model's own, compiled when the model loads; POS, TAG and LEMMA come out as
the ruler sets them, and so does the DEP it gives whitespace (a test compares them). MORPH is left
unset: nothing in newsfold reads it.

Anything the compiler does not understand (another attribute or operator) leaves the ruler in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from newsfold.nlp.pipes import replace_pipe

_TOKEN_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE"}
_SET = ("POS", "TAG", "LEMMA")
_PER_TOKEN = ("DEP",)  # rare (whitespace tokens): set one token at a time
_IGNORED = {"MORPH"}


class Unsupported(ValueError):
    """A pattern this table cannot reproduce exactly."""


_SLOTS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_OTHER_WORD = ""  # stands for every lower-cased form no pattern names (no token is empty)


def _predicate(spec: dict, words: set[str], regexes: list) -> object:
    """A test on (tag, lower, dep, is_space) for one token pattern such as {"TAG": "IN", "LOWER": "that"}.

    Collects the lower-cased forms and regular expressions the pattern looks at into `words`/`regexes`.
    """
    tests = []
    for key, want in spec.items():
        if key not in _SLOTS:
            raise Unsupported(key)
        slot = _SLOTS.index(key)
        if isinstance(want, dict):
            if set(want) - {"IN", "NOT_IN", "REGEX"} or len(want) != 1:
                raise Unsupported(str(want))
            (op, arg), = want.items()
            if op == "REGEX":
                rx = re.compile(arg)
                if rx.search(_OTHER_WORD):
                    raise Unsupported(arg)
                if key == "LOWER":
                    regexes.append(rx)
                tests.append((slot, lambda v, r=rx: r.search(v) is not None))
            else:
                arg = frozenset(arg)
                if key == "LOWER":
                    words.update(arg)
                if op == "IN":
                    tests.append((slot, lambda v, a=arg: v in a))
                else:
                    tests.append((slot, lambda v, a=arg: v not in a))
        elif isinstance(want, (str, bool)):
            if key == "LOWER":
                words.add(want)
            tests.append((slot, lambda v, w=want: v == w))
        else:
            raise Unsupported(repr(want))
    return lambda values: all(test(values[slot]) for slot, test in tests)


class AttributeTable:
    """Sets POS, TAG and LEMMA (and the rare DEP) as a given AttributeRuler's patterns would."""

    def __init__(self, patterns: list[dict]) -> None:
        self.single: list[tuple[int, object, dict]] = []  # (order, predicate, attrs)
        self.multi: list[tuple[int, list, int, dict]] = []  # (order, predicates, index, attrs)
        self.words: set[str] = set()
        self.regexes: list = []
        self._by_tag: dict[str | None, list[int]] = {}  # tag -> the single patterns that can match it
        for order, entry in enumerate(patterns):
            attrs = entry["attrs"]
            if set(attrs) - set(_SET) - set(_PER_TOKEN) - _IGNORED:
                raise Unsupported(str(attrs))
            attrs = {k: v for k, v in attrs.items() if k in _SET or k in _PER_TOKEN}
            if not attrs:
                continue
            for seq in entry["patterns"]:
                if not isinstance(seq, list) or not seq:
                    raise Unsupported(str(seq))
                preds = [_predicate(spec, self.words, self.regexes) for spec in seq]
                if len(preds) == 1 and entry.get("index", 0) in (0, -1):
                    self.single.append((order, preds[0], attrs))
                    tag = seq[0].get("TAG")
                    tags = [tag] if isinstance(tag, str) else tag.get("IN") if isinstance(tag, dict) else None
                    for t in tags if tags is not None else [None]:  # None: any tag
                        self._by_tag.setdefault(t, []).append(len(self.single) - 1)
                else:
                    self.multi.append((order, preds, entry.get("index", 0), attrs))
        # every predicate of the multi-token patterns, numbered, so each token's results are one row
        self._multi_preds = [pred for _, preds, _, _ in self.multi for pred in preds]
        self._word_of: dict[int, int] = {}  # lower-form hash -> itself when a pattern names it, else 0
        self._slot_of: dict[tuple, int] = {}  # (tag, word, dep, is_space) -> row of the tables below
        self._candidates: dict[str, list[int]] = {}
        self._size = 0
        self._tables = self._alloc(256)

    @classmethod
    def from_ruler(cls, ruler) -> AttributeTable:
        return cls(ruler.patterns)

    def _word(self, lower: int, strings) -> int:
        text = strings[lower]
        word = lower if text in self.words or any(rx.search(text) for rx in self.regexes) else 0
        self._word_of[lower] = word
        return word

    def _add(self, key: tuple, strings) -> int:
        """A new table row: the ids set for POS, TAG and LEMMA (0 for none), the order of the pattern
        that set each, the DEP id set (0 for none), and the multi-token predicates' results."""
        values = (strings[key[0]], strings[key[1]] if key[1] else _OTHER_WORD, strings[key[2]], bool(key[3]))
        candidates = self._candidates.get(values[0])
        if candidates is None:
            candidates = sorted(set(self._by_tag.get(values[0], []) + self._by_tag.get(None, [])))
            self._candidates[values[0]] = candidates
        best: dict[str, tuple[int, str]] = {}
        for i in candidates:  # in pattern order: later patterns win, as in the ruler
            order, pred, attrs = self.single[i]
            if pred(values):
                for name, value in attrs.items():
                    best[name] = (order, value)
        row = self._size
        if row == len(self._tables[0]):
            grown = self._alloc(2 * row)
            for new, old in zip(grown, self._tables, strict=True):
                new[:row] = old
            self._tables = grown
        ids, orders, deps, bits = self._tables
        for col, name in enumerate(_SET):
            if name in best:
                ids[row, col] = strings.add(best[name][1])
                orders[row, col] = best[name][0]
        deps[row] = strings.add(best["DEP"][1]) if "DEP" in best else 0
        bits[row] = [pred(values) for pred in self._multi_preds]
        self._size += 1
        self._slot_of[key] = row
        return row

    def _alloc(self, rows: int) -> tuple:
        """Empty tables: ids set (0: none), orders of the patterns that set them, DEP ids, multi bits."""
        return (np.zeros((rows, len(_SET)), dtype=np.uint64), np.full((rows, len(_SET)), -1, dtype=np.int64),
                np.zeros(rows, dtype=np.uint64), np.zeros((rows, len(self._multi_preds)), dtype=bool))

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        strings = doc.vocab.strings
        tags, lowers, deps, spaces = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).T.tolist()
        word_of, slot_of = self._word_of, self._slot_of
        words = [word_of[h] if h in word_of else self._word(h, strings) for h in lowers]
        slots = []
        for key in zip(tags, words, deps, spaces, strict=True):
            slot = slot_of.get(key)
            slots.append(self._add(key, strings) if slot is None else slot)
        ids_t, orders_t, deps_t, bits_t = self._tables
        ids = ids_t[slots]
        if self.multi:
            orders, bits = orders_t[slots], bits_t[slots]
            first = 0
            for order, preds, index, attrs in self.multi:
                size = len(preds)
                if n >= size:
                    hit = np.ones(n - size + 1, dtype=bool)
                    for k in range(size):
                        hit &= bits[k : n - size + 1 + k, first + k]
                    for start in np.flatnonzero(hit).tolist():
                        target = start + (index if index >= 0 else size + index)
                        for col, name in enumerate(_SET):
                            if name in attrs and orders[target, col] < order:
                                ids[target, col] = strings.add(attrs[name])
                                orders[target, col] = order
                        if "DEP" in attrs:
                            raise Unsupported("DEP from a multi-token pattern")  # none sets it today
                first += size
        out = doc.to_array([POS, TAG, LEMMA])
        doc.from_array([POS, TAG, LEMMA], np.where(ids == 0, out, ids))
        dep_ids = deps_t[slots]
        for i in np.flatnonzero(dep_ids).tolist():
            doc[i].dep = int(dep_ids[i])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            for doc in batch:
                self(doc)
            yield from batch


@Language.factory("newsfold_attribute_table", requires=["token.tag", "token.dep"],
                  assigns=["token.pos", "token.tag", "token.lemma"])
def make_attribute_table(nlp: Language, name: str, source: str = "attribute_ruler") -> AttributeTable:
    """Factory for `install`: compiles the pipeline's ruler `source`, which must still be there."""
    return AttributeTable.from_ruler(nlp.get_pipe(source))


def install(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap `nlp`'s attribute ruler for an `AttributeTable` built from it; False when it cannot."""
    if name not in nlp.pipe_names:
        return False
    try:
        AttributeTable.from_ruler(nlp.get_pipe(name))
    except Unsupported:
        return False
    replace_pipe(nlp, name, "newsfold_attribute_table")
    return True
