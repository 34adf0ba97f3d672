"""Matrix products of the spaCy networks through numpy's BLAS, one thread per process.

thinc's `NumpyOps.gemm` calls the `blis` package, which picks its kernels from the CPU model; on a
CPU it does not recognise it falls back to its reference kernel, and then numpy's OpenBLAS is about
three times faster on the shapes the tagger, parser and entity recogniser multiply (measured on the
machine bench/README.md describes). The weights and the arithmetic are the same; only the order of
the additions inside a product may differ, in the last bits of a float. A test checks that tags,
parses and entities come out the same.

OpenBLAS would start a thread per core; newsfold gets its parallelism from worker processes instead,
so extraction runs inside `one_blas_thread()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from spacy.language import Language
from thinc.api import NumpyOps


class NumpyBlasOps(NumpyOps):
    """thinc's CPU ops with `gemm` done by `numpy.matmul`."""

    name = "numpy"  # thinc looks ops up by name; these are still CPU numpy ops

    def gemm(self, x, y, out=None, trans1: bool = False, trans2: bool = False):
        if x.dtype != np.float32 or y.dtype != np.float32 or x.ndim != 2 or y.ndim != 2:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return np.matmul(a, b)
        np.matmul(a, b, out=out)
        return out


def use_numpy_blas(nlp: Language) -> int:
    """Give every network in `nlp` the numpy-BLAS ops; returns how many layers were switched."""
    ops = NumpyBlasOps()
    switched = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
                switched += 1
    return switched


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Limit BLAS libraries to one thread while the block runs (workers are the parallelism)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a declared dependency; without it BLAS keeps its threads
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield
