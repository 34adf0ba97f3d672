"""The faster inference path gives the annotations spaCy's own components give, token for token."""

import numpy as np
import pytest
import spacy
from thinc.api import NumpyOps

from newsfold.nlp import attribute_table, ner_decode
from newsfold.nlp.blas import NumpyBlasOps, one_blas_thread, use_numpy_blas
from newsfold.nlp.model import load_model, model_name

# Written for these tests: names at the ends of sentences and texts, entities of several kinds, a
# sentence break inside a capitalised run, whitespace tokens, and the attribute ruler's special cases
# ("there is", "gonna", "ain't", "that" as a pronoun, "do" as a main verb).
TEXTS = [
    "“The dam will hold,” Mayor Ana Lund said on Monday in Eastport.",
    "Piet Varga, the head of the Harbour Workers Union, told Radio North that 40 percent were gone. Varga",
    "There is no plan.  We ain't gonna wait,\n\nshe said. The man that I saw did it, and they do.",
    "The European Commission and Kyiv Energy\tSystems said Tuesday they would pay $3 million to Lund.",
    "Ms. Okafor spoke. Lund Port Authority officials declined.\nNew York",
    "A",
    "",
    "  \n ",
]


@pytest.fixture(scope="module")
def pipelines():
    plain = spacy.load(model_name(), exclude=["lemmatizer"])
    return plain, load_model()


def _annotations(doc):
    return [(t.text, t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc]


def _spans(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents]


def test_fast_pipeline_matches_spacy_token_for_token(pipelines):
    plain, fast = pipelines
    assert fast.meta["newsfold"]["speed_up"] == ["numpy-blas", "attribute-table", "batch-ner-decoding"]
    assert fast.pipe_names == plain.pipe_names
    with one_blas_thread():
        for a, b in zip(plain.pipe(TEXTS), fast.pipe(TEXTS, batch_size=3), strict=True):
            assert _annotations(a) == _annotations(b)
            assert _spans(a) == _spans(b)
    found = [(e.text, e.label_) for e in fast(TEXTS[0]).ents]
    assert found == [("Mayor Ana Lund", "PERSON"), ("Monday", "DATE"), ("Eastport", "GPE")]


def _table_attrs(token):
    return token.pos_, token.tag_, token.lemma_, token.dep_


def test_attribute_table_reproduces_the_ruler(pipelines):
    plain, _ = pipelines
    ruler = plain.get_pipe("attribute_ruler")
    table = attribute_table.AttributeTable.from_ruler(ruler)
    for text in TEXTS:
        doc = plain(text, disable=["attribute_ruler"]) if text else plain.make_doc(text)
        a, b = doc.copy(), doc.copy()
        ruler(a)
        table(b)
        assert [_table_attrs(t) for t in a] == [_table_attrs(t) for t in b]
    there = plain("There is a cat.")
    assert there[1].pos_ == "VERB"  # the two-token pattern: expletive + "is"


def test_attribute_table_refuses_what_it_cannot_reproduce():
    with pytest.raises(attribute_table.Unsupported):
        attribute_table.AttributeTable([{"patterns": [[{"ORTH": "x", "OP": "+"}]], "attrs": {"POS": "X"}}])
    with pytest.raises(attribute_table.Unsupported):
        attribute_table.AttributeTable([{"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "x"}}])


def test_entity_decoder_falls_back_to_spacy_for_preset_entities(pipelines):
    plain, fast = pipelines
    decoder = fast.get_pipe("ner")
    assert isinstance(decoder, ner_decode.BatchEntityDecoder)
    doc = fast("Ana Lund met Piet Varga in Eastport.", disable=["ner"])
    doc.set_ents([doc.char_span(0, 8, label="ORG")], default="unmodified")
    expected = plain("Ana Lund met Piet Varga in Eastport.", disable=["ner"])
    expected.set_ents([expected.char_span(0, 8, label="ORG")], default="unmodified")
    plain.get_pipe("ner")(expected)
    decoder(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in expected.ents]
    assert doc.ents[0].label_ == "ORG"


@pytest.mark.parametrize("trans1,trans2", [(False, False), (False, True), (True, False), (True, True)])
def test_numpy_blas_gemm_matches_thinc(trans1, trans2):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7)).astype("f")
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5)).astype("f")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = NumpyBlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = np.zeros_like(want)
    NumpyBlasOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)


def test_use_numpy_blas_switches_every_network_layer(pipelines):
    plain = spacy.load(model_name(), exclude=["lemmatizer", "parser", "ner"])
    assert use_numpy_blas(plain) > 0
    for _, component in plain.pipeline:
        if hasattr(component, "model"):
            assert all(isinstance(node.ops, NumpyBlasOps) for node in component.model.walk())
