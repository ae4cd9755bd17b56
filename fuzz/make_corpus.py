#!/usr/bin/python3
"""Writes the fuzzers' seed corpus (fuzz/corpus/<reader>/): a few small valid files per reader,
from which libFuzzer mutates. Needs NumPy (Debian: python3-numpy).

    /usr/bin/python3 fuzz/make_corpus.py
"""
import io
import json
import pathlib
import shutil
import struct
import zipfile

import numpy as np

here = pathlib.Path(__file__).resolve().parent
corpus = here / "corpus"
tests_data = here.parent / "tests" / "data"


def put(reader, name, data):
    folder = corpus / reader
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def npy_bytes(array):
    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


shutil.rmtree(corpus, ignore_errors=True)

# npy: the small fixtures of tests/data, every dtype and order they cover
for name in ["arange_le_f4.npy", "arange_be_f8.npy", "arange_le_i2.npy", "arange_u1.npy",
             "arange_fortran_3d_f8.npy", "arange_v2_f4.npy", "arange_le_f2.npy", "arange_b1.npy",
             "scalar_0d_f8.npy", "empty_0_f4.npy"]:
    put("npy", name, (tests_data / name).read_bytes())

# npz: stored and deflated members, a non-array member
for method, name in [(zipfile.ZIP_STORED, "stored.npz"), (zipfile.ZIP_DEFLATED, "deflated.npz")]:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as z:
        z.writestr("w.npy", npy_bytes(np.arange(12, dtype=np.float32).reshape(3, 4) / 7))
        z.writestr("b.npy", npy_bytes(np.arange(5, dtype=np.int16)))
        z.writestr("notes.txt", "not an array")
    put("npz", name, out.getvalue())


def safetensors(tensors, metadata=None):
    header, data = {}, b""
    for name, (dtype, array) in tensors.items():
        raw = array.tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


put("safetensors", "two.safetensors",
    safetensors({"w": ("F32", np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)),
                 "h": ("F16", np.arange(4, dtype=np.float16)),
                 "i": ("I8", np.arange(-3, 3, dtype=np.int8))}, {"format": "pt"}))
put("safetensors", "bf16.safetensors",
    safetensors({"b": ("BF16", (np.arange(8, dtype=np.float32).view(np.uint32) >> 16)
                        .astype(np.uint16))}))

put("safetensors_index", "index.json", json.dumps(
    {"metadata": {"total_size": 32},
     "weight_map": {"a": "model-00001-of-00002.safetensors",
                    "b": "model-00002-of-00002.safetensors"}}))

put("tfjs", "model.json", json.dumps(
    {"format": "layers-model", "modelTopology": {},
     "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
         {"name": "dense/kernel", "shape": [4, 8], "dtype": "float32"},
         {"name": "dense/bias", "shape": [8], "dtype": "float32"},
         {"name": "q", "shape": [16], "dtype": "float32",
          "quantization": {"dtype": "uint8", "scale": 0.01, "min": -1.0}},
         {"name": "h", "shape": [4], "dtype": "float32", "quantization": {"dtype": "float16"}}]}]}))
put("tfjs", "manifest.json", json.dumps(
    [{"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"], "weights": [
        {"name": "a", "shape": [2, 3], "dtype": "float32"},
        {"name": "s", "shape": [2], "dtype": "string"},
        {"name": "c", "shape": [2], "dtype": "int32"}]}]))


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def field(number, wire, payload):
    key = varint((number << 3) | wire)
    return key + (varint(payload) if wire == 0 else varint(len(payload)) + payload)


def onnx_tensor(name, array, data_type):
    out = b"".join(field(1, 0, d) for d in array.shape)
    out += field(2, 0, data_type) + field(8, 2, name.encode()) + field(9, 2, array.tobytes())
    return out


graph = (field(1, 2, field(1, 2, b"x") + field(2, 2, b"y") + field(4, 2, b"Identity")) +
         field(2, 2, b"g") +
         field(5, 2, onnx_tensor("w", np.arange(6, dtype=np.float32).reshape(2, 3), 1)) +
         field(5, 2, onnx_tensor("i", np.arange(4, dtype=np.int8), 3)))
put("onnx", "model.onnx", field(1, 0, 8) + field(7, 2, graph))


def gguf_string(text):
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def gguf(tensors, kv):
    out = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kv))
    for key, value in kv:
        out += gguf_string(key)
        if isinstance(value, str):
            out += struct.pack("<I", 8) + gguf_string(value)
        elif isinstance(value, list):  # of strings
            out += struct.pack("<IIQ", 9, 8, len(value)) + b"".join(map(gguf_string, value))
        else:
            out += struct.pack("<I", 4) + struct.pack("<I", value)
    offset, blobs = 0, []
    for name, ggml_type, dims, blob in tensors:
        out += gguf_string(name) + struct.pack("<I", len(dims))
        out += b"".join(struct.pack("<Q", d) for d in dims)
        out += struct.pack("<IQ", ggml_type, offset)
        blobs.append(blob + b"\0" * (-len(blob) % 32))
        offset += len(blobs[-1])
    out += b"\0" * (-len(out) % 32)
    return out + b"".join(blobs)


q8 = b"".join(struct.pack("<e", 0.5) + bytes(range(32)) for _ in range(2))
put("gguf", "small.gguf", gguf(
    [("w", 0, [4, 2], np.arange(8, dtype=np.float32).tobytes()),
     ("h", 1, [8], np.arange(8, dtype=np.float16).tobytes()),
     ("q", 8, [64], q8)],
    [("general.architecture", "llama"), ("general.file_type", 7)]))

# one row of 256 values in every block type QuantScope decodes, ggml's own bytes (tests/data/ggml)
GGML_BLOCKS = {"q4_0": (2, 32, 18), "q4_1": (3, 32, 20), "q5_0": (6, 32, 22), "q5_1": (7, 32, 24),
               "q8_0": (8, 32, 34), "q2_k": (10, 256, 84), "q3_k": (11, 256, 110),
               "q4_k": (12, 256, 144), "q5_k": (13, 256, 176), "q6_k": (14, 256, 210),
               "iq4_nl": (20, 32, 18), "iq4_xs": (23, 256, 136), "tq1_0": (34, 256, 54),
               "tq2_0": (35, 256, 66), "mxfp4": (39, 32, 17), "nvfp4": (40, 64, 36)}
put("gguf", "blocks.gguf", gguf(
    [(name, type_id, [256], (tests_data / "ggml" / f"{name}.bin").read_bytes()[:256 // n * size])
     for name, (type_id, n, size) in GGML_BLOCKS.items()],
    [("general.architecture", "llama")]))

# imatrix: llama-imatrix's legacy .dat (entries, then chunk count and dataset) and its GGUF
# (NAME.in_sum2 and NAME.counts), a dense tensor and one of 3 experts, one never routed to


def imatrix_dat_entry(name, ncall, values):
    return (struct.pack("<i", len(name)) + name.encode() + struct.pack("<ii", ncall, len(values)) +
            np.asarray(values, dtype="<f4").tobytes())


put("imatrix", "legacy.dat", struct.pack("<i", 2) +
    imatrix_dat_entry("blk.0.attn_q.weight", 3, [3, 6, 0, 1.5]) +
    imatrix_dat_entry("blk.0.ffn_up_exps.weight", 2, [2, 4, 6, 8, 2, 2]) +
    struct.pack("<ii", 3, 9) + b"calib.txt")
put("imatrix", "imatrix.gguf", gguf(
    [("blk.0.attn_q.weight.in_sum2", 0, [4, 1], np.float32([8, 4, 2, 0]).tobytes()),
     ("blk.0.attn_q.weight.counts", 0, [1, 1], np.float32([4]).tobytes()),
     ("blk.0.ffn_up_exps.weight.in_sum2", 0, [2, 3], np.float32([2, 4, 9, 9, 6, 3]).tobytes()),
     ("blk.0.ffn_up_exps.weight.counts", 0, [1, 3], np.float32([2, 0, 3]).tobytes())],
    [("general.type", "imatrix"), ("imatrix.datasets", ["calib.txt"]),
     ("imatrix.chunk_count", 3), ("imatrix.chunk_size", 512)]))

put("csv", "comma.csv", "a,b,c\n1,2,3\n4.5,-6e-3,7\n")
put("csv", "tabs.tsv", "1\t2\n3\t4\n")
put("csv", "spaces.txt", (tests_data / "tutorial_numpy_seed42_n7.txt").read_text())
put("csv", "special.csv", "nan,inf\n-inf,1e38\n")

put("raw", "f4.bin", b"\x02\x00" + np.linspace(-2, 2, 16, dtype=np.float32).tobytes())
put("raw", "i2.bin", b"\x86\x04" + np.arange(16, dtype=">i2").tobytes())

# session: as QuantScope writes one (analyze --save-session)
put("session", "kl.qscope", """{
  "quantscope_session": 1,
  "source": {
    "kind": "preset",
    "name": "tutorial-outlier"
  },
  "scheme": {
    "name": "asymmetric",
    "bits": 4,
    "signed": true,
    "narrow_range": null,
    "rounding": "half-even",
    "rounding_seed": 0,
    "zero_point_anchor": "max",
    "convention": "tutorial",
    "preset": "",
    "granularity": "tensor",
    "axis": 0,
    "group_size": 32,
    "calibration": {
      "method": "kl",
      "percentile": 99.99,
      "kl_bins": 0,
      "kl_start_bin": 0,
      "kl_levels": 0,
      "kl_variant": "mxnet",
      "percentile_variant": "exact",
      "mse_variant": "exact"
    },
    "format": {
      "name": "int",
      "no_scale": false,
      "overflow": "saturate",
      "mx_scale": "floor",
      "element_rounding": "even",
      "nvfp4_flavour": "transformer-engine",
      "block_size": 64,
      "bnb_backend": "cpu",
      "scale_storage": "native"
    }
  },
  "view": {
    "view": "quantizer",
    "table": "error",
    "zoom": null,
    "outlier_sigmas": 6.0,
    "log_counts": false,
    "channel": 0,
    "shootout_bits": 4,
    "best_format_bits": 0
  }
}
""")

# pytorch: the torch.save fixtures of tests/data/torch (zip and legacy layouts, views, dtypes)
for name in ["state_zip.pt", "state_legacy.pt", "tensor_only.pt", "list_of_tensors.pt"]:
    put("pytorch", name, (tests_data / "torch" / name).read_bytes())

# pickle: the data.pkl of each zip fixture and the object pickle of the legacy one
for name in ["state_zip.pt", "tensor_only.pt", "list_of_tensors.pt"]:
    with zipfile.ZipFile(tests_data / "torch" / name) as archive:
        member = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
        put("pickle", name.replace(".pt", ".pkl"), archive.read(member))
legacy = (tests_data / "torch" / "state_legacy.pt").read_bytes()
put("pickle", "legacy_framing.pkl", legacy[:137])

# packed_layers: a GPTQ 4-bit layer of 8 x 8 in one group, and the same bytes read as AWQ
words = struct.pack("<8I", 0x76543210, 0, 0, 0, 0, 0, 0, 0)
put("packed_layers", "gptq4.bin", bytes([0x04, 0, 1, 8, 1, 1, 1, 8]) + words * 4)
put("packed_layers", "awq4.bin", bytes([0x05, 0, 8, 1, 8, 1, 1, 8]) + words * 4)
