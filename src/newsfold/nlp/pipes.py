"""Putting a faster component in the place of one of the model's own, under the same name."""

from __future__ import annotations

from spacy.language import Language


def replace_pipe(nlp: Language, name: str, factory: str) -> None:
    """Swap `nlp`'s component `name` for the one `factory` builds from it.

    The factory takes the old component's name as its `source` and reads it while both are in the
    pipeline, so the new one is added beside it first; the old one then goes, and the new one takes its
    name, so the pipeline's names (and everything that refers to them) stay as they were."""
    temp = name + "_newsfold"
    nlp.add_pipe(factory, name=temp, after=name, config={"source": name})
    nlp.remove_pipe(name)
    nlp.rename_pipe(temp, name)
