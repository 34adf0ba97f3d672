"""Shared fixtures for the ingest tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

# The tests run against the source tree when newsfold is not installed in the environment.
if importlib.util.find_spec("newsfold") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "src"))

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The shared corpus folder; tests that need it are skipped where it does not exist."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not available here")
    return CORPUS


_PAGE = """<!DOCTYPE html>
<html><head>
<title>Council approves harbour wall | The Westport Courier</title>
<link rel="canonical" href="https://courier.example/news/harbour-wall">
<meta property="og:site_name" content="The Westport Courier">
<meta name="author" content="Priya Calder">
<meta property="article:published_time" content="2023-11-14T08:30:00Z">
<script>window.trackingConfig = {id: "SCRIPT-NOISE-123"};</script>
<style>.nav {color: red}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/weather">Weather</a></li>
<li><a href="/contact">Contact us</a></li></ul></nav>
<header><div class="menu">Subscribe | Log in | Newsletters</div></header>
<article>
<h1>Council approves harbour wall</h1>
<p>The town council voted on Tuesday evening to rebuild the old harbour wall, which was damaged by winter
storms two years ago and has been fenced off ever since.</p>
<p>"We cannot keep patching it and hoping for a quiet winter," the council leader told the meeting, adding
that work would begin in the spring once the fishing season ends.</p>
<p>Residents who spoke at the meeting said the closure had cost local shops a large share of their summer
trade, and several asked for the footpath along the quay to reopen first.</p>
</article>
<footer><p>Follow us on social media</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


@pytest.fixture
def page() -> str:
    """A news page with a script, a style sheet, navigation and a footer around a three-paragraph story."""
    return _PAGE
