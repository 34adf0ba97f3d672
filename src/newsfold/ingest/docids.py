"""Doc ids unique within a run: every record names its article by `doc`, so two articles must never share one.

A JSONL file's `id`, an index's `doc` or a page's URL can repeat (two lines both `"id": "d1"`, the same
feed read twice). The first article keeps its doc; a later one with another text or outlet is renamed
`<doc>@<8 hex digits>`, the start of a hash of its outlet and text: the rule the store follows when a
stored article already holds the name (`store.writer.add_article`, `store.codec.article_id`), so a run of
`newsfold story` and a store name the same article the same way. A later article with the very same
outlet and text (the same line twice) gets a numbered name after that, `<doc>@<hash>.2`, `.3`, ...
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from newsfold.models import Article


def content_hash(article: Article) -> str:
    """The hex hash of the article's outlet and text that the store's article id is made of."""
    h = hashlib.blake2b(digest_size=10)
    for part in (article.outlet or "", article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def renamed_doc(article: Article) -> str:
    """The name a later article gets when its doc is taken: `<doc>@<first 8 hex digits of its hash>`."""
    return f"{article.doc}@{content_hash(article)[:8]}"


class UniqueDocs:
    """Hands out doc ids unique within one run; `admit` renames an article whose doc is already taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def admit(self, article: Article) -> tuple[Article, str | None]:
        """The article, renamed when its doc is taken, and the warning to report when it was renamed."""
        if article.doc not in self.taken:
            self.taken.add(article.doc)
            return article, None
        base = name = renamed_doc(article)
        n = 1
        while name in self.taken:
            n += 1
            name = f"{base}.{n}"
        self.taken.add(name)
        where = article.source or article.doc
        warning = f"{where}: the doc id {article.doc!r} is taken by an earlier article: read as {name!r}"
        return replace(article, doc=name), warning
