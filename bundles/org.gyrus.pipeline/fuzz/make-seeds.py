#!/usr/bin/env python3
"""Writes the seed corpus of the pipeline-loader fuzz target (testdata/fuzz/pipeline/seed-*).

Hostile and odd pipeline files: valid ones, other encodings, byte-order marks, trailing content,
truncation, wrong types, deep nesting, huge numbers, control characters. PipelineFuzzCorpusTest
replays every file; fuzz/run-jazzer.sh starts Jazzer from them. Run from the bundle folder:
    python3 fuzz/make-seeds.py
"""
import json
import os

out = "testdata/fuzz/pipeline"
os.makedirs(out, exist_ok=True)

valid = {
    "format": "gyrus-pipeline", "formatVersion": 1, "name": "seed", "seed": 7,
    "variables": [{"name": "subject", "type": "string", "default": "sub-01"}],
    "nodes": [
        {"id": "a", "type": "test.source", "version": "1.0.0", "parameters": {"amount": 2, "label": "${subject}"},
         "position": {"x": 1, "y": 2}},
        {"id": "b", "type": "test.add", "version": "1.2.0", "parameters": {"sizes": [1, 2, 3], "flag": True}},
    ],
    "edges": [{"from": "a", "output": "value", "to": "b", "input": "value"}],
}
text = json.dumps(valid, indent=2, ensure_ascii=False) + "\n"
accented = text.replace('"seed"', '"séance ü"', 1)

seeds = {
    "valid": text.encode(),
    "valid-accents": accented.encode("utf-8"),
    "bom-utf8": b"\xef\xbb\xbf" + text.encode(),
    "utf16-le-bom": accented.encode("utf-16"),
    "utf16-be-nobom": accented.encode("utf-16-be"),
    "latin1": accented.encode("latin-1"),
    "cp1252-quotes": accented.replace("seed", "\u201cseed\u201d").encode("cp1252"),
    "trailing-garbage": (text + " garbage").encode(),
    "two-objects": (text + text).encode(),
    "trailing-bracket": (text + "]").encode(),
    "truncated": text[: len(text) // 2].encode(),
    "empty": b"",
    "whitespace": b" \n\t\n",
    "array": b"[1, 2, 3]",
    "null": b"null",
    "string": b'"gyrus-pipeline"',
    "nul-bytes": text.encode().replace(b'"a"', b'"a\x00"', 1),
    "control-chars-in-id": text.replace('"id": "a"', '"id": "a\\u0000\\n"', 1).encode(),
    "dup-key": text.replace('"name": "seed",', '"name": "seed", "name": "again",', 1).encode(),
    "huge-int": text.replace('"seed": 7', '"seed": 123456789012345678901234567890', 1).encode(),
    "huge-float": text.replace('"amount": 2', '"amount": 1e400', 1).encode(),
    "nan-literal": text.replace('"amount": 2', '"amount": NaN', 1).encode(),
    "negative-version": text.replace('"formatVersion": 1', '"formatVersion": -1', 1).encode(),
    "float-version": text.replace('"formatVersion": 1', '"formatVersion": 1.5', 1).encode(),
    "deep-array": text.replace('"flag": true', '"flag": ' + "[" * 5000 + "]" * 5000, 1).encode(),
    "deep-object": ('{"format": "gyrus-pipeline", "formatVersion": 1, "metadata": ' + '{"a":' * 3000 + "1" + "}" * 3000 + "}").encode(),
    "nodes-not-list": text.replace('"nodes": [', '"nodes": {"x": [', 1).replace('"edges"', '], "edges"', 1).encode(),
    "edge-unknown-node": text.replace('"from": "a"', '"from": "zz"', 1).encode(),
    "id-with-slash": text.replace('"id": "a"', '"id": "../../etc"', 1).replace('"from": "a"', '"from": "../../etc"', 1).encode(),
    "lone-surrogate": text.replace('"seed",', '"\\ud800",', 1).encode(),
    "overlong-utf8": text.encode().replace(b'"seed",', b'"\xc0\xafseed",', 1),
    "cr-line-ends": text.replace("\n", "\r\n").encode(),
    "comment": ("// a comment\n" + text).encode(),
    "single-quotes": text.replace('"format"', "'format'", 1).encode(),
    "position-strings": text.replace('"x": 1', '"x": "1"', 1).encode(),
    "params-array": text.replace('"parameters": {"amount": 2, "label": "${subject}"}', '"parameters": [1]', 1).encode(),
    "long-name": text.replace('"name": "seed"', '"name": "' + "x" * 70000 + '"', 1).encode(),
}
for name, data in seeds.items():
    with open(os.path.join(out, "seed-" + name), "wb") as f:
        f.write(data)
print(len(seeds), "seeds in", out)
