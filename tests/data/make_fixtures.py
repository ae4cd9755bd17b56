#!/usr/bin/env python3
"""Regenerates the NumPy-made fixtures in this folder (needs NumPy; the tests do not run this).

    python3 tests/data/make_fixtures.py

Every .npy holds np.arange(6) reshaped to (2, 3) in some dtype, byte order, memory order or
format version, so a test can check all of them against the same values.
"""
import io
import pathlib
import subprocess
import numpy as np

here = pathlib.Path(__file__).resolve().parent
values = np.arange(6).reshape(2, 3)

def save(name, array, version=None):
    path = here / name
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)

for descr in ["<f2", "<f4", "<f8", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", ">f4", ">f8", ">i2", ">u4"]:
    tag = descr.replace("<", "le_").replace(">", "be_").replace("|", "")
    save(f"arange_{tag}.npy", values.astype(descr))
save("arange_b1.npy", values.astype(bool))
save("arange_fortran_f4.npy", np.asfortranarray(values.astype("<f4")))
save("arange_fortran_3d_f8.npy", np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4)))
save("arange_v2_f4.npy", values.astype("<f4"), version=(2, 0))
save("arange_v3_f4.npy", values.astype("<f4"), version=(3, 0))
save("scalar_0d_f8.npy", np.array(2.5))
save("empty_0_f4.npy", np.zeros((0,), dtype="<f4"))

# NumPy's own printing of the tutorial's examples for other seeds and sizes: wrapping, the
# scientific format and negative zeros, character for character.
def tutorial(seed, n):
    out = []
    np.random.seed(seed)
    x = np.random.randn(n).astype("float32")
    s = (x.max() - x.min()) / 255
    q = np.clip(np.round(x / s), -128, 127)
    d = (q * s).astype("float32")
    out += [f"input = {x}", f"scale = {s}", f"quant_result = {np.round(x / s)}",
            f"saturete_result = {q}", f"dequant_result = {d}", f"diff = {d - x}"]
    s = np.max(np.abs(x)) / 127
    q = np.clip(np.round(x / s), -127, 127)
    d = (q * s).astype("float32")
    out += [f"input = {x}", f"scale = {s}", f"quant_result = {q}", f"dequant_result = {d}", f"diff = {d - x}"]
    s = (x.max() - x.min()) / 255
    z = 127 - np.round(x.max() / s)
    q = np.clip(np.round(x / s + z), -128, 127)
    d = ((q - z) * s).astype("float32")
    out += [f"input = {x}", f"scale = {s}", f"z = {z}", f"quant_result = {q}", f"dequant_result = {d}", f"diff = {d - x}"]
    return "\n".join(out) + "\n"

for seed, n in [(0, 40), (1, 2), (42, 7)]:
    (here / f"tutorial_numpy_seed{seed}_n{n}.txt").write_text(tutorial(seed, n))

# The tutorial's three processes on 1000 values, as NumPy computes them: codes (int32) and
# dequantized values (float32), to compare bit for bit.
np.random.seed(5)
x = np.random.randn(1000).astype("float32")
s = (x.max() - x.min()) / 255
general_q = np.clip(np.round(x / s), -128, 127)
general_d = (general_q * s).astype("float32")
s = np.max(np.abs(x)) / 127
symmetric_q = np.clip(np.round(x / s), -127, 127)
symmetric_d = (symmetric_q * s).astype("float32")
s = (x.max() - x.min()) / 255
z = 127 - np.round(x.max() / s)
asymmetric_q = np.clip(np.round(x / s + z), -128, 127)
asymmetric_d = ((asymmetric_q - z) * s).astype("float32")
for name, q, d in [("general", general_q, general_d), ("symmetric", symmetric_q, symmetric_d),
                   ("asymmetric", asymmetric_q, asymmetric_d)]:
    save(f"numpy_{name}_codes.npy", q.astype("<i4"))
    save(f"numpy_{name}_dequant.npy", d.astype("<f4"))
