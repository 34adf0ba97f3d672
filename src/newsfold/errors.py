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
    "NF203": "the worker process analysing this article died (the rest of the run went on)",
    "NF301": "a gold file is malformed or names articles that are missing",
}

#: code -> what to do about it, for `newsfold explain` and the README's table of codes
ADVICE: dict[str, str] = {
    "NF101": "Check the path for a typo and that you may read the file (and, for a folder, its files).",
    "NF102": "Give the article as text: plain text, HTML, JSONL, an RSS/Atom feed or an article index. "
    "Convert a PDF or a word-processor document to text first.",
    "NF103": "Save the file as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`); "
    "a JSONL file must be UTF-8.",
    "NF104": "Nothing to do when the page really is empty; otherwise check that the input holds the "
    "article's text, not only its headline, byline or links.",
    "NF105": "Write each line as one JSON object holding the article in a 'text' (plain text) or 'html' "
    "field, such as {\"doc\": \"a1\", \"text\": \"...\"}; the report names the file and line.",
    "NF106": "Check the index's 'doc' values: each names an article file, relative to the index's folder.",
    "NF107": "Raise the cap with --max-bytes (for example --max-bytes 200M), or split the file.",
    "NF108": "The page may be a list of links, a login or cookie wall, or built by JavaScript: save the "
    "article's own page, or its text, instead.",
    "NF109": "Raise the cap with --max-chars (for example --max-chars 10M) when the long article is wanted: "
    "its parsing takes time and memory in proportion to its length.",
    "NF110": "Nothing to do for the rest of the file: the other records are read. A download cut short is "
    "the usual cause (`gzip -t` tells); fetch the file again.",
    "NF111": "Save the article's own page, or its text, rather than a page with a whole site or archive "
    "inlined in it.",
    "NF112": "Give newsfold the articles themselves: text, HTML, JSONL, RSS/Atom feeds, WARC files or an "
    "article index; the warning lines name each file it passed over and why.",
    "NF201": "The rest of the run is not affected. This is a fault in newsfold or its language model: "
    "please report it, with the article if you may share it.",
    "NF202": "The article's quotations are kept. This is a fault in newsfold: please report it, with the "
    "article if you may share it.",
    "NF203": "Most often the process ran out of memory on a very long article: run with fewer --workers, or "
    "a lower --max-chars to leave such articles out.",
    "NF301": "Check the gold file: JSON in the format of corpus/*/gold.json, every article it names beside "
    "it.",
    "NF401": "Give an http:// or https:// URL without user:password@; give local files as paths.",
    "NF402": "newsfold does not fetch from private or local networks, so that a feed cannot make it reach "
    "them; for a test server on this machine, use --allow-loopback.",
    "NF403": "Check the host name and the network connection; the fetch was retried before this was "
    "reported.",
    "NF404": "Check the URL in a browser; the report gives the status. 429 and 503 mean: try again later.",
    "NF405": "Raise --fetch-timeout (seconds), or try again later.",
    "NF406": "The page is larger than any article page should be: save it and give the file, with "
    "--max-bytes raised if needed.",
    "NF407": "Open the URL in a browser and give the address it lands on.",
    "NF408": "Check the feed with a feed validator; entity declarations are refused even when harmless, "
    "as they are how XML attacks work.",
    "NF409": "Give the URL of an article page, a plain-text page or an RSS/Atom feed, not of an image, a "
    "PDF or a download.",
}


def explain(code: str, width: int = 78) -> str | None:
    """What the error `code` means and, indented below, what to do about it, wrapped at `width`; None for
    an unknown code (`code` may be written in lower case)."""
    import textwrap

    code = code.strip().upper()
    if code not in CATALOGUE:
        return None
    text = textwrap.fill(f"{code}  {CATALOGUE[code]}", width, subsequent_indent=" " * 7)
    if advice := ADVICE.get(code):
        text += "\n" + textwrap.fill(advice, width, initial_indent=" " * 7, subsequent_indent=" " * 7)
    return text


def codes_table() -> str:
    """Every code as a Markdown table (code, meaning, what to do), in code order: the README's table of
    codes is this text, and a test checks that the two agree."""
    rows = ["| code | what it means | what to do |", "|---|---|---|"]
    for code in sorted(CATALOGUE):
        cells = (code, CATALOGUE[code], ADVICE.get(code, ""))
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


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
