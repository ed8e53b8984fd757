"""Evaluation of the checker on labelled data: the scorer shared by ``newsdesk eval verify``, the calibration
script, the benchmarks and the gate (``scoring``), and the shared dev data as rows with hashes (``devdata``).

Nothing in the pipeline's stages imports this package: it measures the product, it is not part of it.
"""

from .scoring import evaluate, load_rows, metrics, row_passages

__all__ = ["evaluate", "load_rows", "metrics", "row_passages"]
