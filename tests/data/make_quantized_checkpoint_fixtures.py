#!/usr/bin/python3
"""Regenerates the packed GPTQ / AWQ checkpoint fixtures in tests/data/quantized/ (Debian:
python3-numpy; the tests need nothing here). Each folder is a Hugging Face style model folder:

    config.json          a tiny Llama config with the folder's quantization_config
    model.safetensors    one packed layer, model.layers.0.mlp.down_proj (in 64, out 16, group
                         size 32: qweight, qzeros, scales and, for GPTQ, g_idx), and one plain
                         float16 tensor model.norm.weight [16]
    expected.npz         for the layer: "<module>.weight", the decoded float32 W [out, in];
                         "<module>.codes", the int32 codes [out, in]; "<module>.zeros", the int32
                         REAL zero points [groups, out] (after undoing any minus one)

    gptq_4bit/           AutoGPTQ, bits 4, checkpoint_format "gptq" (zeros stored minus one)
    gptq_4bit_actorder/  the same with desc_act true and a permuted g_idx
    gptq_8bit_v2/        bits 8, checkpoint_format "gptq_v2" (zeros stored as they are)
    gptq_2bit/           bits 2, checkpoint_format "gptq"
    awq_gemm_4bit/       AutoAWQ GEMM, bits 4, zero_point true, version "gemm"

    /usr/bin/python3 tests/data/make_quantized_checkpoint_fixtures.py

No quantization library is used: the codes, zeros and scales are seeded random numbers and the
packers below follow the packing loops of AutoGPTQ (QuantLinear.pack) and AutoAWQ
(WQLinear_GEMM.from_linear) statement by statement, except that the packed widths are written
n // pack rather than the libraries' n // 32 * bits, which is the same for the multiples of 32
they require but 0 for the 16 outputs used here. With c[j][i] the code of output j, input i,
z[g][j] the real zero of group g, pack = 32 // bits and mask = 2**bits - 1 (all words are the
int32 bit pattern of a uint32):

GPTQ   qweight int32 [in / pack, out], packed along the INPUT dimension:
           c[j][i] = (qweight[i // pack, j] >> (bits * (i % pack))) & mask
       qzeros  int32 [groups, out / pack], packed along the OUTPUT dimension:
           stored[g][j] = (qzeros[g, j // pack] >> (bits * (j % pack))) & mask
           z[g][j] = stored[g][j] + 1 for checkpoint_format "gptq" (or absent), stored[g][j]
           for "gptq_v2"
       scales  float16 [groups, out];  g_idx int32 [in]
       W[j][i] = scales[g_idx[i], j] * (c[j][i] - z[g_idx[i]][j])

AWQ    qweight int32 [in, out / 8], packed along the OUTPUT dimension in AWQ's interleaved order
       ORDER = [0, 2, 4, 6, 1, 3, 5, 7]: the nibble at shift 4 * p of qweight[i, k] holds output
       8 * k + ORDER[p]; equivalently output j sits in word j // 8 at shift 4 * POS[j % 8] with
       POS = [0, 4, 1, 5, 2, 6, 3, 7]
       qzeros  int32 [in / group_size, out / 8], the real zeros packed the same way (no minus one)
       scales  float16 [in / group_size, out]
       W[j][i] = scales[i // group_size, j] * (c[j][i] - z[i // group_size][j])

The expected W is computed in float64 from the float16 scales and cast to float32; the cast is
exact (an 11-bit significand times an integer below 2**9 needs at most 20 bits), so a reader
that multiplies in float32 must match it bit for bit. Before it ends the script reads every
safetensors file back, unpacks it with separate vectorised shift code (not the packers) and
checks the codes, zeros and decoded W against expected.npz.

Byte-determinism: every file is identical from run to run (fixed seeds; expected.npz is written
with fixed zip timestamps instead of numpy.savez, which stamps the current time).
"""
import io
import json
import pathlib
import struct
import zipfile

import numpy as np

out = pathlib.Path(__file__).resolve().parent / 'quantized'

MODULE = 'model.layers.0.mlp.down_proj'
IN_FEATURES, OUT_FEATURES, GROUP_SIZE = 64, 16, 32
GROUPS = IN_FEATURES // GROUP_SIZE
AWQ_ORDER = [0, 2, 4, 6, 1, 3, 5, 7]

ST_DTYPES = {np.dtype('float16'): 'F16', np.dtype('float32'): 'F32', np.dtype('int32'): 'I32'}


# ---------------------------------------------------------------------------------------------
# Writers

def write_safetensors(path, tensors):
    """tensors: list of (name, ndarray) in the order of the header and of the data."""
    header = {'__metadata__': {'format': 'pt'}}
    blobs, offset = [], 0
    for name, array in tensors:
        data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': ST_DTYPES[array.dtype], 'shape': list(array.shape),
                        'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    path.write_bytes(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def write_npz(path, arrays):
    """An uncompressed .npz as numpy.savez writes it, but with fixed member timestamps."""
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + '.npy', date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, buffer.getvalue())


def write_config(folder, quantization_config):
    config = {
        'architectures': ['LlamaForCausalLM'],
        'model_type': 'llama',
        'hidden_size': OUT_FEATURES,
        'intermediate_size': IN_FEATURES,
        'num_hidden_layers': 1,
        'torch_dtype': 'float16',
        'quantization_config': quantization_config,
    }
    (folder / 'config.json').write_text(json.dumps(config, indent=2) + '\n')


# ---------------------------------------------------------------------------------------------
# Packers, after AutoGPTQ's QuantLinear.pack and AutoAWQ's WQLinear_GEMM.from_linear

def gptq_pack_qweight(codes, bits):
    """codes int [out, in] -> int32 [in / pack, out]; row r holds inputs r*pack .. r*pack+pack-1."""
    intweight = codes.T.astype(np.uint32)  # [in, out], as AutoGPTQ's intweight after .t()
    qweight = np.zeros((intweight.shape[0] // (32 // bits), intweight.shape[1]), dtype=np.uint32)
    i = 0
    row = 0
    while row < qweight.shape[0]:
        for j in range(i, i + (32 // bits)):
            qweight[row] |= intweight[j] << np.uint32(bits * (j - i))
        i += 32 // bits
        row += 1
    return qweight.view(np.int32)


def gptq_pack_qzeros(zeros, bits, minus_one):
    """real zeros int [groups, out] -> int32 [groups, out / pack], packed along the outputs."""
    mask = (1 << bits) - 1
    stored = (zeros - 1) & mask if minus_one else zeros  # AutoGPTQ v1: zeros -= 1
    stored = stored.astype(np.uint32)
    qzeros = np.zeros((stored.shape[0], stored.shape[1] // (32 // bits)), dtype=np.uint32)
    i = 0
    col = 0
    while col < qzeros.shape[1]:
        for j in range(i, i + (32 // bits)):
            qzeros[:, col] |= stored[:, j] << np.uint32(bits * (j - i))
        i += 32 // bits
        col += 1
    return qzeros.view(np.int32)


def awq_pack(matrix, w_bit=4):
    """int [rows, out] -> int32 [rows, out / 8]; nibble p of word k holds column 8k+AWQ_ORDER[p].
    Used for qweight (rows = inputs, matrix = codes transposed) and qzeros (rows = groups)."""
    pack_num = 32 // w_bit
    intweight = matrix.astype(np.uint32)
    packed = np.zeros((intweight.shape[0], intweight.shape[1] // pack_num), dtype=np.uint32)
    order_map = AWQ_ORDER
    for col in range(intweight.shape[1] // pack_num):
        for i in range(pack_num):
            packed_col = intweight[:, col * pack_num + order_map[i]]
            packed[:, col] |= packed_col << np.uint32(i * w_bit)
    return packed.view(np.int32)


# ---------------------------------------------------------------------------------------------
# Independent unpackers (vectorised shifts on the uint32 view), used only by the checks

def unpack_rows(packed, bits):
    """int32 [rows / pack, cols] packed along the rows -> int64 [rows, cols]."""
    words = packed.view(np.uint32).astype(np.uint64)
    shifts = (bits * np.arange(32 // bits, dtype=np.uint64))[None, :, None]
    values = (words[:, None, :] >> shifts) & np.uint64((1 << bits) - 1)
    return values.reshape(-1, packed.shape[1]).astype(np.int64)


def unpack_columns(packed, bits):
    """int32 [rows, cols / pack] packed along the columns in natural order -> int64 [rows, cols]."""
    words = packed.view(np.uint32).astype(np.uint64)
    shifts = (bits * np.arange(32 // bits, dtype=np.uint64))[None, None, :]
    values = (words[:, :, None] >> shifts) & np.uint64((1 << bits) - 1)
    return values.reshape(packed.shape[0], -1).astype(np.int64)


def unpack_awq(packed):
    """int32 [rows, cols / 8] in AWQ's interleaved nibble order -> int64 [rows, cols]."""
    nibbles = unpack_columns(packed, 4).reshape(packed.shape[0], -1, 8)  # [..., word, position]
    reverse = np.array([0, 4, 1, 5, 2, 6, 3, 7])  # position of column 8k+m is reverse[m]
    return nibbles[:, :, reverse].reshape(packed.shape[0], -1)


def read_safetensors(path):
    raw = path.read_bytes()
    (length,) = struct.unpack('<Q', raw[:8])
    assert length % 8 == 0
    header = json.loads(raw[8:8 + length].decode('utf-8'))
    assert header.pop('__metadata__') == {'format': 'pt'}
    names = {'F16': '<f2', 'F32': '<f4', 'I32': '<i4'}
    data = raw[8 + length:]
    tensors, end = {}, 0
    for name, entry in header.items():
        begin, stop = entry['data_offsets']
        assert begin == end, 'data is not contiguous in header order'
        tensors[name] = np.frombuffer(data[begin:stop], dtype=names[entry['dtype']]).reshape(
            entry['shape'])
        end = stop
    assert end == len(data)
    return tensors


# ---------------------------------------------------------------------------------------------
# Fixtures

def decode(codes, zeros, scales, g_idx):
    """W [out, in] in float64, from codes [out, in], real zeros and float16 scales [groups, out]."""
    s = scales.astype(np.float64)[g_idx].T  # [out, in]
    z = zeros.astype(np.int64)[g_idx].T
    return s * (codes.astype(np.int64) - z)


def random_parts(rng, bits, zero_low):
    codes = rng.integers(0, 1 << bits, size=(OUT_FEATURES, IN_FEATURES))
    zeros = rng.integers(zero_low, 1 << bits, size=(GROUPS, OUT_FEATURES))
    scales = rng.uniform(0.01, 0.1, size=(GROUPS, OUT_FEATURES)).astype(np.float16)
    norm = rng.uniform(0.5, 1.5, size=OUT_FEATURES).astype(np.float16)
    return codes, zeros, scales, norm


def finish(folder, quantization_config, layer, norm, codes, zeros, weight):
    folder.mkdir(parents=True, exist_ok=True)
    write_config(folder, quantization_config)
    tensors = [(MODULE + '.' + part, array) for part, array in sorted(layer.items())]
    tensors.append(('model.norm.weight', norm))
    write_safetensors(folder / 'model.safetensors', tensors)
    write_npz(folder / 'expected.npz', {
        MODULE + '.weight': weight.astype(np.float32),
        MODULE + '.codes': codes.astype(np.int32),
        MODULE + '.zeros': zeros.astype(np.int32),
    })


def make_gptq(name, seed, bits, checkpoint_format, act_order):
    rng = np.random.default_rng(seed)
    minus_one = checkpoint_format == 'gptq'
    codes, zeros, scales, norm = random_parts(rng, bits, 1 if minus_one else 0)
    if act_order:
        g_idx = rng.permutation(IN_FEATURES) // GROUP_SIZE  # each group keeps GROUP_SIZE rows
    else:
        g_idx = np.arange(IN_FEATURES) // GROUP_SIZE
    layer = {
        'qweight': gptq_pack_qweight(codes, bits),
        'qzeros': gptq_pack_qzeros(zeros, bits, minus_one),
        'scales': scales,
        'g_idx': g_idx.astype(np.int32),
    }
    config = {'quant_method': 'gptq', 'bits': bits, 'group_size': GROUP_SIZE,
              'desc_act': act_order, 'sym': False, 'checkpoint_format': checkpoint_format}
    finish(out / name, config, layer, norm, codes, zeros, decode(codes, zeros, scales, g_idx))


def make_awq(name, seed):
    rng = np.random.default_rng(seed)
    codes, zeros, scales, norm = random_parts(rng, 4, 0)
    g_idx = np.arange(IN_FEATURES) // GROUP_SIZE
    layer = {'qweight': awq_pack(codes.T), 'qzeros': awq_pack(zeros), 'scales': scales}
    config = {'quant_method': 'awq', 'bits': 4, 'group_size': GROUP_SIZE, 'zero_point': True,
              'version': 'gemm'}
    finish(out / name, config, layer, norm, codes, zeros, decode(codes, zeros, scales, g_idx))


GPTQ_FOLDERS = {  # name: (seed, bits, checkpoint_format, desc_act)
    'gptq_4bit': (20260401, 4, 'gptq', False),
    'gptq_4bit_actorder': (20260402, 4, 'gptq', True),
    'gptq_8bit_v2': (20260403, 8, 'gptq_v2', False),
    'gptq_2bit': (20260404, 2, 'gptq', False),
}
AWQ_FOLDERS = {'awq_gemm_4bit': 20260405}


def check(name):
    """Reads the folder back and checks it against expected.npz without using the packers."""
    folder = out / name
    config = json.loads((folder / 'config.json').read_text())['quantization_config']
    bits, group_size = config['bits'], config['group_size']
    t = read_safetensors(folder / 'model.safetensors')
    expected = np.load(folder / 'expected.npz')
    assert sorted(expected.files) == sorted(MODULE + s for s in ('.weight', '.codes', '.zeros'))
    want_w = expected[MODULE + '.weight']
    want_codes = expected[MODULE + '.codes']
    want_zeros = expected[MODULE + '.zeros']
    assert want_w.dtype == np.float32 and want_w.shape == (OUT_FEATURES, IN_FEATURES)
    assert want_codes.dtype == np.int32 and want_codes.shape == (OUT_FEATURES, IN_FEATURES)
    qweight, qzeros, scales = (t[MODULE + p] for p in ('.qweight', '.qzeros', '.scales'))
    assert t['model.norm.weight'].dtype == np.float16 and t['model.norm.weight'].shape == (16,)
    assert scales.dtype == np.float16 and scales.shape == (GROUPS, OUT_FEATURES)
    assert (scales > 0).all()
    pack = 32 // bits
    if config['quant_method'] == 'gptq':
        assert qweight.shape == (IN_FEATURES // pack, OUT_FEATURES)
        assert qzeros.shape == (GROUPS, OUT_FEATURES // pack)
        g_idx = t[MODULE + '.g_idx'].astype(np.int64)
        assert g_idx.shape == (IN_FEATURES,)
        assert (np.bincount(g_idx, minlength=GROUPS) == group_size).all()
        assert (g_idx == np.arange(IN_FEATURES) // group_size).all() != config['desc_act']
        codes = unpack_rows(qweight, bits).T  # [out, in]
        zeros = unpack_columns(qzeros, bits)
        if config['checkpoint_format'] != 'gptq_v2':
            zeros = zeros + 1
        # A spot check written out by hand: code c[j][i] at bits*(i % pack) of qweight[i//pack, j].
        i, j = IN_FEATURES - 1, OUT_FEATURES - 1
        word = int(qweight[i // pack, j]) & 0xFFFFFFFF
        assert (word >> (bits * (i % pack))) & ((1 << bits) - 1) == want_codes[j, i]
    else:
        assert qweight.shape == (IN_FEATURES, OUT_FEATURES // 8)
        assert qzeros.shape == (GROUPS, OUT_FEATURES // 8)
        g_idx = np.arange(IN_FEATURES) // group_size
        codes = unpack_awq(qweight).T
        zeros = unpack_awq(qzeros)
        # Spot check: output j = 8k + 1 sits at nibble position 4 (shift 16) of word k.
        word = int(qweight[5, 1]) & 0xFFFFFFFF
        assert (word >> 16) & 0xF == want_codes[9, 5]
    assert (codes == want_codes).all(), name + ': codes'
    assert (zeros == want_zeros).all(), name + ': zeros'
    assert want_codes.min() >= 0 and want_codes.max() < (1 << bits)
    w64 = scales.astype(np.float64)[g_idx].T * (codes - zeros[g_idx].T)
    assert np.array_equal(w64.astype(np.float32), want_w), name + ': W'
    assert np.array_equal(w64.astype(np.float32).astype(np.float64), w64), name + ': W not exact'
    # A float32 reader gets the same bits.
    w32 = scales.astype(np.float32)[g_idx].T * (codes - zeros[g_idx].T).astype(np.float32)
    assert np.array_equal(w32, want_w), name + ': float32 W'
    assert (qweight.view(np.uint32) >> 31).any(), name + ': no word has its sign bit set'


def main():
    for name, (seed, bits, checkpoint_format, act_order) in GPTQ_FOLDERS.items():
        make_gptq(name, seed, bits, checkpoint_format, act_order)
    for name, seed in AWQ_FOLDERS.items():
        make_awq(name, seed)
    for name in [*GPTQ_FOLDERS, *AWQ_FOLDERS]:
        check(name)
        for path in sorted((out / name).iterdir()):
            print(f'{path.relative_to(out.parent)}  {path.stat().st_size} bytes')


if __name__ == '__main__':
    main()
