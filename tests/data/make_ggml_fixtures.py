#!/usr/bin/python3
"""Regenerates the ggml block-type fixtures in tests/data/ggml/: inputs.npy (float32 rows of 256
values, awkward blocks on purpose), importance.npy (one weight per column, as an importance matrix
holds for a tensor), and for every type T:

    T.bin           the bytes ggml_quantize_chunk(T, rows, NULL) writes (no importance matrix)
    T_imatrix.bin   the same with importance.npy as quant_weights (the types whose quantizer
                    uses them)
    T_dequant.npy   ggml's dequantize_row_T of T.bin

The oracle is ggml itself: the baseline x86-64 build (no FMA) `libggml-base.so` that the npm package
@node-llama-cpp/linux-x64@3.22.1 (MIT) ships, called through ctypes. Unpack the package and pass the
path of the library:

    npm pack @node-llama-cpp/linux-x64@3.22.1 && tar xzf node-llama-cpp-linux-x64-3.22.1.tgz
    /usr/bin/python3 tests/data/make_ggml_fixtures.py package/bins/linux-x64/libggml-base.so

The test suite reads only the files written here; it needs neither npm nor the library.
"""
import ctypes
import pathlib
import sys

import numpy as np

# name: (ggml type id, values per block, bytes per block, quantizer weighs by importance)
TYPES = {
    'q4_0': (2, 32, 18, True), 'q4_1': (3, 32, 20, True), 'q5_0': (6, 32, 22, True),
    'q5_1': (7, 32, 24, True), 'q8_0': (8, 32, 34, False), 'q2_k': (10, 256, 84, True),
    'q3_k': (11, 256, 110, True), 'q4_k': (12, 256, 144, True), 'q5_k': (13, 256, 176, True),
    'q6_k': (14, 256, 210, True), 'iq4_nl': (20, 32, 18, True), 'iq4_xs': (23, 256, 136, True),
    'tq1_0': (34, 256, 54, False), 'tq2_0': (35, 256, 66, False), 'mxfp4': (39, 32, 17, False),
    'nvfp4': (40, 64, 36, False),
}
ROW = 256


def case_rows():
    """Named rows of 256 float32 values; each row is whole blocks of every type."""
    rng = np.random.default_rng(20261202)
    rows = []

    def add(name, values):
        v = np.asarray(values, dtype=np.float32).reshape(-1, ROW)
        rows.extend((name, r) for r in v)

    add('normal', rng.standard_normal(2 * ROW))
    add('normal_small', rng.standard_normal(ROW) * 1e-3)
    add('uniform_large', rng.uniform(-1e3, 1e3, ROW))
    add('student_t2', rng.standard_t(2, ROW))
    add('zero', np.zeros(ROW))
    add('constant_positive', np.full(ROW, 0.75))
    add('constant_negative', np.full(ROW, -3.5))
    # values on exact halves of a power-of-two grid: every rounding tie a block can meet
    add('ties', rng.integers(-16, 17, ROW) * 0.5 * 2.0 ** -3)
    add('ties_integer', rng.integers(-8, 9, ROW).astype(np.float64))
    add('tiny', rng.standard_normal(ROW) * 1e-30)
    add('subnormal', rng.integers(-50, 51, ROW) * np.float32(1e-45))
    wide = rng.standard_normal(ROW) * np.exp(rng.uniform(np.log(1e-20), np.log(1e20), ROW))
    add('wide_range', wide)
    neg = rng.standard_normal(ROW)
    neg[::32] = -8.0  # the largest magnitude of every block negative
    add('negative_peak', neg)
    single = np.zeros(ROW)
    single[5::32] = rng.uniform(0.5, 2.0, ROW // 32)
    add('single_nonzero', single)
    add('positive_only', np.abs(rng.standard_normal(ROW)))
    return rows


class Ggml:
    def __init__(self, path):
        self.lib = ctypes.CDLL(str(path))
        self.lib.ggml_quantize_chunk.restype = ctypes.c_size_t
        self.lib.ggml_quantize_chunk.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                                                 ctypes.c_int64, ctypes.c_int64, ctypes.c_int64,
                                                 ctypes.c_void_p]
        self.lib.ggml_quantize_init.argtypes = [ctypes.c_int]

    def quantize(self, name, x, weights=None):
        tid, values, size, _ = TYPES[name]
        x = np.ascontiguousarray(x, dtype=np.float32)
        nrows, n_per_row = x.shape
        out = ctypes.create_string_buffer(x.size // values * size)
        self.lib.ggml_quantize_init(tid)
        qw = None if weights is None else np.ascontiguousarray(weights, np.float32).ctypes.data
        n = self.lib.ggml_quantize_chunk(tid, x.ctypes.data, out, 0, nrows, n_per_row, qw)
        assert n == len(out.raw), (name, n)
        return out.raw

    def dequantize(self, name, data, count):
        fn = getattr(self.lib, 'dequantize_row_' + name.replace('_k', '_K'))
        fn.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int64]
        y = np.zeros(count, dtype=np.float32)
        fn(data, y.ctypes.data, count)
        return y


def main():
    library = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'libggml-base.so')
    out = pathlib.Path(__file__).resolve().parent / 'ggml'
    out.mkdir(exist_ok=True)
    ggml = Ggml(library)
    rows = case_rows()
    x = np.stack([r for _, r in rows]).astype(np.float32)
    weights = np.random.default_rng(7).uniform(0.0, 4.0, ROW).astype(np.float32)
    weights[::17] = 0.0  # columns the calibration never saw
    np.save(out / 'inputs.npy', x)
    np.save(out / 'importance.npy', weights)
    (out / 'inputs.txt').write_text(''.join(f'{i} {name}\n' for i, (name, _) in enumerate(rows)))
    for name, (_, _, _, weighs) in TYPES.items():
        data = ggml.quantize(name, x)
        (out / f'{name}.bin').write_bytes(data)
        np.save(out / f'{name}_dequant.npy', ggml.dequantize(name, data, x.size).reshape(x.shape))
        if weighs:
            (out / f'{name}_imatrix.bin').write_bytes(ggml.quantize(name, x, weights))
    print(f'{len(rows)} rows of {ROW}; {len(TYPES)} types written to {out}')


if __name__ == '__main__':
    main()
