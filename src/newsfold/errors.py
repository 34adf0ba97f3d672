"""One catalogue of the errors newsfold reports, each with a code a user can search for.

Batch work never stops on one of these: it reports `NF-code source: message` on one line, goes on with
the rest, and the command exits non-zero at the end.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: code -> what it means and what to do about it
CATALOGUE: dict[str, str] = {
    "NF101": "the input does not exist or cannot be read (check the path and permissions)",
    "NF102": "the input looks binary, not text (newsfold reads text, HTML, JSONL, article indexes, RSS/Atom "
    "feeds and WARC files)",
    "NF103": "the input's encoding could not be detected or decoded",
    "NF104": "the article is empty or has no text left after removing markup and residue",
    "NF105": "a line of a JSONL file is not a JSON object with a 'text' or 'html' field",
    "NF106": "an article index entry names a file that is missing or unreadable",
    "NF107": "the input is larger than the size cap (raise it with --max-bytes)",
    "NF108": "the HTML page holds no extractable main text",
    "NF109": "the article is too long to analyse (raise --max-chars)",
    "NF110": "a WARC record is corrupt (a bad or cut gzip member, a malformed header): it is skipped",
    "NF111": "the HTML page is too large to find its main text in good time (over 5 million characters)",
    "NF112": "a folder holds no file newsfold reads (each file passed over is named on a warning line)",
    "NF401": "the URL is not fetched: only http and https URLs without credentials are",
    "NF402": "the address is refused: loopback, private, link-local, multicast, reserved or cloud metadata",
    "NF403": "the host could not be resolved or reached (after retries)",
    "NF404": "the server answered with an HTTP error status",
    "NF405": "the fetch timed out (raise it with --fetch-timeout)",
    "NF406": "the response is larger than the fetch size cap, compressed or decompressed",
    "NF407": "too many redirects, or a redirect without a usable Location",
    "NF408": "the feed is malformed or unsafe XML (entity declarations are refused)",
    "NF409": "the response is neither an article page, plain text nor an RSS/Atom feed",
    "NF201": "the language pipeline failed on this article",
    "NF202": "finding claims failed on this article (its quotations are kept; its claims are missing)",
    "NF301": "a gold file is malformed or names articles that are missing",
}


class NewsfoldError(Exception):
    """An error about one input; `code` indexes `CATALOGUE`."""

    def __init__(self, code: str, source: str, detail: str = "") -> None:
        self.code = code
        self.source = source
        self.detail = detail or CATALOGUE.get(code, "")
        super().__init__(self.line())

    def __reduce__(self):
        # Exceptions pickle as `cls(*self.args)`, and `args` holds only the one-line message: rebuilt
        # that way in the parent process, a worker's error broke the whole process pool.
        return (type(self), (self.code, self.source, self.detail))

    def line(self) -> str:
        """The one-line report: `NF103 path/to/file.txt: encoding could not be detected`, control
        characters of the source and detail escaped (see `printable`)."""
        return f"{self.code} {printable(self.source)}: {printable(self.detail)}"


def printable(text: str) -> str:
    """`text` with each control or invisible character (category C, line and paragraph separators)
    written as its Python escape (`\\x1b`, `\\n`, `\\u202e`), letters of every script kept as they are.

    Every string from an input that newsfold prints (a title, a doc name, an outlet, an error's detail)
    goes through this, so a stranger's text can neither send escape sequences to the user's terminal nor
    forge a line of newsfold's output.
    """
    if text.isprintable():
        return text
    # isprintable() also refuses spaces other than ' ' (a title's no-break space): those are kept
    return "".join(c.encode("unicode_escape").decode("ascii") if _unsafe(c) else c for c in text)


def _unsafe(c: str) -> bool:
    cat = unicodedata.category(c)
    return cat[0] == "C" or cat in ("Zl", "Zp")


@dataclass
class Failure:
    """A unit of batch work that did not succeed, kept so the run can report it and exit non-zero."""

    source: str
    error: NewsfoldError

    def line(self) -> str:
        return self.error.line()
