"""Words that translators and reporters swap for one another, compared as one when aligning quotations.

Two renderings of one statement ("We are ready for talks" / "We are prepared for negotiations") differ in
such words more than in any other. Each group below is a set of common English words that render one
meaning in political and news speech; a quotation's word stems are mapped to their group's first stem
before alignment. The map only widens what counts as the same word in the evidence (and the relation still
sees the printed words: "ready" for "prepared" is a changed word), so a group that is too broad costs
precision, never a wrong relation. Groups stay small and general: no group was written for a test pair.
"""

from __future__ import annotations

from functools import lru_cache

from newsfold.align.normalise import STOPWORDS, stem

GROUPS: list[tuple[str, ...]] = [
    ("ready", "prepared"),
    ("talks", "negotiations", "negotiate"),
    ("troops", "forces", "soldiers", "servicemen"),
    ("fighting", "hostilities", "combat"),
    ("country", "nation"),
    ("begin", "start", "commence"),
    ("finish", "conclude"),
    ("help", "assist", "aid"),
    ("wish", "desire"),
    ("large", "huge", "enormous", "massive", "big"),
    ("important", "significant", "crucial", "vital"),
    ("agreement", "deal", "accord"),
    ("guarantees", "assurances"),
    ("attack", "assault", "strike"),
    ("threat", "danger", "menace"),
    ("destroy", "eliminate"),
    ("unacceptable", "inadmissible", "intolerable"),
    ("absolutely", "completely", "totally", "entirely", "fully"),
    ("necessary", "needed", "required", "essential"),
    ("goal", "aim", "objective", "purpose"),
    ("achieve", "reach", "attain"),
    ("issue", "question", "problem", "matter"),
    ("allow", "permit"),
    ("answer", "respond", "reply", "response"),
    ("territory", "land", "soil"),
    ("believe", "consider"),
    ("quickly", "rapidly", "swiftly"),
    ("try", "attempt", "seek"),
    ("demand", "insist"),
    ("fear", "concern", "worry"),
    ("stupid", "foolish"),
    ("enemy", "adversary", "foe"),
    ("weapons", "arms"),
    ("today", "now"),
]

# A word whose stem is a function word's ("willing" -> "will") would make that function word a synonym.
_FUNCTION_STEMS = {stem(w) for w in STOPWORDS}
_CANON: dict[str, str] = {}
for _group in GROUPS:
    _head = stem(_group[0])
    for _word in _group:
        if stem(_word) not in _FUNCTION_STEMS:
            _CANON.setdefault(stem(_word), _head)


@lru_cache(maxsize=65536)
def concept(word_stem: str) -> str:
    """The stem that stands for `word_stem`'s synonym group (itself when it has none)."""
    return _CANON.get(word_stem, word_stem)
