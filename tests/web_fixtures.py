"""A small store of invented coverage, for the web app's tests: two outlets on one story, and one
hostile article whose title, outlet, URL and text carry script payloads."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

from newsfold.models import Article

PG = os.environ.get("NEWSFOLD_TEST_PG")

XSS = '<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2">'

LEDGER = """Ferry strike halts crossings to Orsk island

Ferry crews walked off the job on Monday, halting every crossing to Orsk island, the ferry company said.

"We cannot run a service without crews," said Lena Brandt, the company's chief executive.

Union leader Piet Varga said the crews had not had a raise since 2019. "Nobody works for free," Varga said.
"""

# A backslash at a line's end continues the line: each paragraph below is still one line.
COURIER = """Orsk ferries stop as crews strike

Crossings to Orsk island stopped on Monday after ferry crews went on strike.

"We cannot run a service without our crews," Lena Brandt, chief executive of the ferry company, \
told reporters.

Piet Varga, who leads the crews' union, said talks would resume on Wednesday. \
"Nobody works for free," he said.
"""

HOSTILE = f"""Island council {XSS} meets

The council met on Tuesday about the ferry strike on Orsk island. \
"{XSS} is not a plan," said councillor Mira Holt.
"""


# A second story, a week later, in one outlet: an organisation speaks, so the people index has
# organisations to filter, and the stories list has dates to filter by.
BUDGET = """Harbour dredging to cost Orsk twice the estimate

Dredging the Orsk harbour will cost twice what the council was told, the Harbour Authority said on Tuesday.

"The silt came back faster than any survey predicted," the Harbour Authority said in a statement.

Treasurer Anna Lindqvist said the council would vote on the extra money in April.
"""


def articles() -> list[Article]:
    return [
        Article(doc="ledger-ferry.txt", text=LEDGER, title="Ferry strike halts crossings to Orsk island",
                outlet="The Ledger", date="2026-03-02", url="https://ledger.example/ferry"),
        Article(doc="courier-ferry.txt", text=COURIER, title="Orsk ferries stop as crews strike",
                outlet="Courier", date="2026-03-02", url="https://courier.example/orsk"),
        Article(doc="ledger-harbour.txt", text=BUDGET, outlet="The Ledger",
                title="Harbour dredging to cost Orsk twice the estimate", date="2026-03-10", url="https://ledger.example/harbour"),
        Article(doc="hostile.txt", text=HOSTILE, title=f"Council {XSS}", outlet=f"Outlet {XSS}",
                date="2026-03-03", url="javascript:window.__xss=3"),
    ]


def build_store(url: str) -> None:
    """Ingest the invented articles into the store at `url` with the real pipeline."""
    from newsfold.report.brief import add_brief
    from newsfold.store import open_store

    with open_store(url) as store:
        store.ingest_articles(articles(), workers=1, enrich=add_brief)


def pg_url() -> tuple[str, str] | None:
    """A fresh schema on the test PostgreSQL server and a URL that uses it; None without a server."""
    if not PG:
        return None
    import psycopg

    name = "w_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in PG else "?"
    return name, f"{PG}{sep}options={quote(f'-csearch_path={name}')}"


def drop_pg(name: str) -> None:
    import psycopg

    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def sqlite_path(tmp: Path) -> str:
    return str(tmp / "web.db")
