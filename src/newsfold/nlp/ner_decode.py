"""The entity recogniser's greedy decoding, done with numpy over a whole batch at once.

spaCy's `EntityRecognizer` scores each step of its BILUO transition system in compiled code, but in
the spaCy 3.8 wheels that loop takes and releases the GIL on every state lookup, so decoding costs
about twice as much as the network that feeds it. Entity decisions are simple enough to redo here:
every document advances one token a step, so all documents of a batch step together, and the
validity of each action depends only on whether an entity is open, its label, the end of the text,
the next sentence start and whitespace.

The weights, features and rules are the model's own (`TransitionModel`: tok2vec, a precomputed lower
layer over three state features, maxout, an upper linear layer; `ner.pyx`'s `is_valid` rules for
documents without preset entities), so the entities are the ones spaCy finds; a test compares them.
Anything outside those assumptions (preset entities, unseen classes, other state features) goes to
spaCy's own decoder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from newsfold.nlp.pipes import replace_pipe

BEGIN, IN, LAST, UNIT, OUT, NONE = range(6)
_MOVES = {"B": BEGIN, "I": IN, "L": LAST, "U": UNIT}


class BatchEntityDecoder:
    """Finds entities with a loaded spaCy `EntityRecognizer`'s model, decoding with numpy."""

    def __init__(self, ner) -> None:
        self.ner = ner
        model = ner.model
        self.tok2vec = model.get_ref("tok2vec")
        self.lower = model.get_ref("lower")
        upper = model.get_ref("upper")
        self.usable = (
            bool(model.attrs.get("has_upper")) and not model.attrs.get("unseen_classes")
            and self.lower.get_dim("nF") == 3 and ner.cfg.get("beam_width", 1) == 1
        )
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        labels = sorted({n[2:] for n in names if n[:2] in ("B-", "I-", "L-", "U-") and n[2:]})
        self.label_names = [""] + labels  # index 0: no label
        move = np.full(len(names), NONE, dtype=np.int8)
        label = np.zeros(len(names), dtype=np.int32)
        for i, name in enumerate(names):
            if name == "O":
                move[i] = OUT
            elif name[:2] in ("B-", "I-", "L-", "U-"):
                move[i] = _MOVES[name[0]]
                label[i] = self.label_names.index(name[2:])
            else:
                self.usable = False  # a move this decoder does not know
        self.move, self.label = move, label
        self.valid_rows = self._validity()
        self.W = upper.get_param("W") if self.usable else None
        self.b = upper.get_param("b") if self.usable else None

    def __call__(self, doc: Doc) -> Doc:
        self.predict_and_set([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self.predict_and_set(batch)
            yield from batch

    def predict_and_set(self, docs: list[Doc]) -> None:
        """Set `doc.ents` on every doc of the batch."""
        nonempty = [d for d in docs if len(d)]
        if not nonempty:
            return
        if not self.usable or any(t.ent_iob != 0 for d in nonempty for t in d):
            self.ner.set_annotations(nonempty, self.ner.predict(nonempty))
            return
        names = self.label_names
        for doc, ents in zip(nonempty, self.decode(nonempty), strict=True):
            doc.set_ents([Span(doc, s, e, label=names[lab]) for s, e, lab in ents], default="outside")

    def decode(self, docs: list[Doc]) -> list[list[tuple[int, int, int]]]:
        """(start, end, label index) of every entity in each doc, by greedy BILUO decoding."""
        X = self.tok2vec.predict(docs)
        cached = self.lower.predict(X)  # (tokens + 1, 3, hidden, pieces); row 0 holds the padding
        n_rows, _, hidden, pieces = cached.shape
        f0, f1, f2 = (np.ascontiguousarray(cached[:, f].reshape(n_rows, hidden * pieces)) for f in range(3))
        bias = self.lower.get_param("b").reshape(hidden * pieces)
        lengths = np.array([len(d) for d in docs])
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        arrays = [d.to_array([SENT_START, IS_SPACE]).reshape(-1, 2) for d in docs]
        # per token (article-batch offsets): the next token starts a sentence; the token is whitespace
        next_start = np.concatenate([np.append(a[1:, 0] == 1, False) for a in arrays])
        space = np.concatenate([a[:, 1] != 0 for a in arrays])

        order = np.argsort(-lengths, kind="stable")  # longest first: the active docs are a prefix
        n_sorted = lengths[order]
        off_sorted = offsets[order]
        open_label = np.zeros(len(docs), dtype=np.int64)  # per sorted doc; 0 means no entity open
        ent_start = np.zeros(len(docs), dtype=np.int64)
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        valid_rows, move_of, label_of = self.valid_rows, self.move, self.label
        W_T = np.ascontiguousarray(self.W.T)
        active = len(docs)
        step = 0
        while active:
            while active and n_sorted[active - 1] <= step:
                active -= 1
            if not active:
                break
            pos = off_sorted[:active] + step  # B(0) of each active doc
            lab = open_label[:active]
            is_open = lab != 0
            last = n_sorted[:active] - 1 == step
            nxt = next_start[pos]
            # the three state features: B(0), the entity's first word E(0), and B(0) - 1 inside an
            # entity; rows are shifted by one for the padding row, which stands for "none"
            unmaxed = f0[pos + 1] + f1[np.where(is_open, off_sorted[:active] + ent_start[:active] + 1, 0)]
            unmaxed += f2[np.where(is_open, pos, 0)]
            unmaxed += bias
            if pieces == 2:
                hid = np.maximum(unmaxed[:, 0::2], unmaxed[:, 1::2])
            else:
                hid = unmaxed.reshape(active, hidden, pieces).max(axis=-1)
            scores = hid @ W_T
            scores += self.b
            row = np.where(is_open, 8 + lab * 4 + last * 2 + nxt, last * 4 + nxt * 2 + space[pos])
            guess = np.where(valid_rows[row], scores, -np.inf).argmax(axis=1)
            moves = move_of[guess]
            for i in np.flatnonzero(moves != OUT).tolist():
                m = moves[i]
                if m == BEGIN:
                    open_label[i] = label_of[guess[i]]
                    ent_start[i] = step
                elif m == LAST:
                    found[order[i]].append((int(ent_start[i]), step + 1, int(label_of[guess[i]])))
                    open_label[i] = 0
                elif m == UNIT:
                    found[order[i]].append((step, step + 1, int(label_of[guess[i]])))
            step += 1
        return found

    def _validity(self) -> np.ndarray:
        """Which moves are valid, one row per situation (rules of spaCy's ner.pyx, no preset entities).

        Rows 0-7, no entity open: last token * 4 + next token starts a sentence * 2 + whitespace.
        Rows 8 + label * 4 + last * 2 + next-starts-sentence: an entity with that label is open.
        """
        move, label = self.move, self.label
        labelled = label != 0
        rows = np.zeros((8 + 4 * len(self.label_names), len(move)), dtype=bool)
        for last in (0, 1):
            for nxt in (0, 1):
                for sp in (0, 1):
                    rows[last * 4 + nxt * 2 + sp] = (
                        (move == BEGIN) & labelled & (not last and not nxt and not sp)
                        | (move == UNIT) & labelled & (not sp)
                        | (move == OUT)
                    )
                for lab in range(1, len(self.label_names)):
                    same = labelled & (label == lab)
                    rows[8 + lab * 4 + last * 2 + nxt] = (
                        (move == IN) & same & (not last and not nxt) | (move == LAST) & same
                    )
        return rows


@Language.factory("newsfold_entity_decoder", requires=["token.sent_start"], assigns=["doc.ents"])
def make_entity_decoder(nlp: Language, name: str, source: str = "ner") -> BatchEntityDecoder:
    """Factory for `install`: wraps the pipeline's component `source`, which must still be there."""
    return BatchEntityDecoder(nlp.get_pipe(source))


def install(nlp: Language, name: str = "ner") -> bool:
    """Swap `nlp`'s entity recogniser for one decoding with `BatchEntityDecoder`; False when it cannot."""
    if name not in nlp.pipe_names or not BatchEntityDecoder(nlp.get_pipe(name)).usable:
        return False
    replace_pipe(nlp, name, "newsfold_entity_decoder")
    return True
