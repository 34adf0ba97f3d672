"""Hypothesis strategies for hostile news text: odd quotation marks, control characters, mixed scripts."""

from __future__ import annotations

from hypothesis import strategies as st

MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", "‹", "›", "„", "‚", "``", "''", "「", "」", "〝", "〞"]
WORDS = ["said", "says", "told", "according to", "he", "she", "Mr Lund", "the minister", "Ana Lund",
         "warned", "added", ":", "—", "–", ",", ".", "that", "the", "dam", "will", "hold", "\n", "\n\n",
         "(", ")", "[", "]", "…", "...", "Dr.", "U.S.", "2,000", "three-and-a-half", "on Friday"]
CONTROL = [chr(c) for c in (0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0xA0, 0x200B, 0x200E, 0x202E, 0x2028, 0x2029,
                             0xFEFF)]

token = st.one_of(
    st.sampled_from(MARKS),
    st.sampled_from(WORDS),
    st.sampled_from(CONTROL),
    st.text(min_size=1, max_size=12),
    st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True),
)

#: article-like text: mostly words and marks, with junk mixed in
news_text = st.lists(token, min_size=1, max_size=80).map(" ".join)

#: raw bytes a file might hold: text in some charset, with junk
encodings = st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "koi8-r", "shift_jis", "utf-8-sig"])


@st.composite
def encoded(draw) -> bytes:
    text = draw(news_text)
    enc = draw(encodings)
    data = text.encode(enc, errors="replace")
    if draw(st.booleans()):  # mutate a few bytes
        raw = bytearray(data)
        for _ in range(draw(st.integers(0, 4))):
            if raw:
                raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        data = bytes(raw)
    return data
