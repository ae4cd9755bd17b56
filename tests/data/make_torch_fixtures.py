#!/usr/bin/python3
"""Regenerates the PyTorch checkpoint fixtures in tests/data/torch/ with torch.save of PyTorch 1.13
(Debian: python3-torch, python3-numpy; the tests need neither):

    state_zip.pt         a training checkpoint dict (state dict, optimizer state, scalars) in the
                         zip layout torch.save writes by default since 1.6
    state_legacy.pt      the same object in the torch < 1.6 layout (_use_new_zipfile_serialization=False)
    tensor_only.pt       one bare tensor as the top-level object
    list_of_tensors.pt   a list of two tensors as the top-level object
    expected.json        for every .pt file, what a reader must produce: the tensors (flattened name,
                         shape, NumPy dtype name, elements in row-major order of the logical shape as
                         exact floats) in pickle order, and every non-tensor leaf as a string

    /usr/bin/python3 tests/data/make_torch_fixtures.py

Names flatten containers: dict keys (str, or int in decimal) and list/tuple indices joined with
".", e.g. "model.0.weight", "optimizer.state.0.exp_avg"; a bare tensor is named "tensor". The
values are exact small binary fractions, so every dtype holds them exactly. The script loads every
file back with torch.load and checks it against expected.json before it ends.

Byte-determinism: the zip files are identical from run to run. state_legacy.pt is not: the legacy
layout names each storage by the decimal address of its C++ object (str(storage._cdata)), so the
keys, their sorted order and the file size can change between runs; its contents do not.
"""
import collections
import json
import pathlib

import torch
import torch.nn as nn

out = pathlib.Path(__file__).resolve().parent / 'torch'

DTYPES = {torch.float32: 'float32', torch.float16: 'float16', torch.bfloat16: 'bfloat16',
          torch.float64: 'float64', torch.int8: 'int8', torch.int16: 'int16',
          torch.int32: 'int32', torch.int64: 'int64', torch.uint8: 'uint8', torch.bool: 'bool'}


def eighths(n, start=-4):
    """n float32 values start/8, (start+1)/8, ...: exact in every floating dtype used here."""
    return torch.arange(start, start + n, dtype=torch.float32) / 8


def state_dict_with_extras():
    """A real nn.Module.state_dict() (an OrderedDict carrying _metadata, a 0-d int64
    num_batches_tracked) plus one entry per dtype and per storage feature a reader must handle."""
    model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
    with torch.no_grad():
        model[0].weight.copy_(eighths(12).view(4, 3))
        model[0].bias.copy_(torch.tensor([0.5, -0.25, 1.0, -2.0]))
        model[1].weight.copy_(torch.tensor([1.0, 0.75, 1.25, 2.0]))
        model[1].bias.copy_(torch.tensor([0.0, 0.125, -0.125, 3.0]))
        model[1].running_mean.copy_(torch.tensor([0.25, -0.5, 0.0, 1.5]))
        model[1].running_var.copy_(torch.tensor([1.0, 0.5, 2.0, 4.0]))
        model[1].num_batches_tracked.fill_(5)
    sd = model.state_dict()
    sd['half'] = torch.tensor([-2.0, -0.5, 0.0, 0.375, 65504.0], dtype=torch.float16)
    sd['bf16'] = torch.tensor([[1.0, -1.5, 0.25], [3.0, -0.0078125, 256.0]], dtype=torch.bfloat16)
    sd['f64'] = torch.tensor([0.1, -1e300, 2.5], dtype=torch.float64)
    sd['i8'] = torch.tensor([-128, -1, 0, 127], dtype=torch.int8)
    sd['i16'] = torch.tensor([-32768, 7, 32767], dtype=torch.int16)
    sd['i32'] = torch.tensor([-2147483648, -3, 2147483647], dtype=torch.int32)
    sd['i64'] = torch.tensor([-(1 << 40), -9, 1 << 40], dtype=torch.int64)
    sd['u8'] = torch.tensor([0, 1, 128, 255], dtype=torch.uint8)
    sd['flag'] = torch.tensor([True, False, True])
    sd['scalar'] = torch.tensor(-1.75)  # 0-d: shape (), one element
    # non-contiguous: shape [5,3], strides (1,5) over a 15-element storage
    sd['transposed'] = eighths(15).view(3, 5).t()
    # storage offset 2 into a 10-element storage; the rest of the storage is saved too
    sd['offset_view'] = (torch.arange(10, dtype=torch.float32) * 0.5)[2:6]
    # two tensors over one storage: the file holds that storage once
    s = torch.arange(12, dtype=torch.float32)
    sd['shared_a'] = s.view(3, 4)
    sd['shared_b'] = s[4:8]
    # pickled through torch._utils._rebuild_parameter around a _rebuild_tensor_v2
    sd['param'] = nn.Parameter(torch.tensor([[0.5, -0.5], [1.5, -1.5]]))
    return sd


def checkpoint():
    """A training checkpoint: nested dicts with int keys, a list, and non-tensor leaves."""
    return {
        'model': state_dict_with_extras(),
        'optimizer': {'state': {0: {'step': 3, 'exp_avg': torch.tensor([[0.125, -0.25],
                                                                        [0.0, 2.0]])}},
                      'param_groups': [{'lr': 0.001, 'params': [0]}]},
        'epoch': 7,
        'arch': 'tiny-mlp',
        'best_acc': 0.5,
    }


def make_state_zip():
    """Zip layout: <stem>/data.pkl with persistent ids ('storage', type, key, location, numel),
    one data/<key> member per storage (keys "0", "1", ... in first-pickled order), stored."""
    obj = checkpoint()
    torch.save(obj, out / 'state_zip.pt')
    return obj


def make_state_legacy():
    """Legacy layout: magic, protocol version and sys_info pickles, the object pickle with
    persistent ids ('storage', type, key, location, numel, view_metadata), the pickled list of
    storage keys, then each storage as an int64 element count and its raw bytes."""
    obj = checkpoint()
    torch.save(obj, out / 'state_legacy.pt', _use_new_zipfile_serialization=False)
    return obj


def make_tensor_only():
    """Zip layout whose top-level object is a tensor, not a dict."""
    t = torch.tensor([[1.0, -2.0, 0.5], [0.25, 3.0, -0.125]])
    torch.save(t, out / 'tensor_only.pt')
    return t


def make_list_of_tensors():
    """Zip layout whose top-level object is a list: names are the indices."""
    ts = [torch.tensor([[0.5, 1.5], [-2.5, 4.0]]), torch.tensor([-3, 0, 9], dtype=torch.int64)]
    torch.save(ts, out / 'list_of_tensors.pt')
    return ts


def leaf_text(v):
    if v is None:
        return 'none'
    if isinstance(v, bool):
        return 'true' if v else 'false'
    if isinstance(v, (int, str)):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    raise TypeError(type(v))


def flatten(obj):
    """(tensors, metadata) of obj as a reader must report them, in pickle order (depth first)."""
    tensors, metadata = [], {}

    def walk(name, v):
        if isinstance(v, torch.Tensor):
            tensors.append({'name': name or 'tensor', 'shape': list(v.shape),
                            'dtype': DTYPES[v.dtype],
                            'values': v.detach().double().flatten().tolist()})
        elif isinstance(v, dict):  # OrderedDict too; its _metadata attribute is not an entry
            for k, x in v.items():
                assert isinstance(k, (str, int)) and not isinstance(k, bool), k
                walk(f'{name}.{k}' if name else str(k), x)
        elif isinstance(v, (list, tuple)):
            for i, x in enumerate(v):
                walk(f'{name}.{i}' if name else str(i), x)
        else:
            metadata[name] = leaf_text(v)

    walk('', obj)
    return {'tensors': tensors, 'metadata': metadata}


def write_expected(expected):
    """expected.json with one tensor per line, so it stays short and diffs well."""
    lines = ['{']
    for i, (file, e) in enumerate(expected.items()):
        lines.append(f'  {json.dumps(file)}: {{')
        lines.append('    "tensors": [')
        rows = [f'      {json.dumps(t)}' for t in e['tensors']]
        lines.append(',\n'.join(rows))
        lines.append('    ],')
        lines.append(f'    "metadata": {json.dumps(e["metadata"])}')
        lines.append('  }' + (',' if i + 1 < len(expected) else ''))
    lines.append('}')
    (out / 'expected.json').write_text('\n'.join(lines) + '\n')


def check():
    """Every file loads back with torch.load to what expected.json says, sharing and views kept."""
    expected = json.loads((out / 'expected.json').read_text())
    for file, e in expected.items():
        assert flatten(torch.load(out / file)) == e, file
    for file in ('state_zip.pt', 'state_legacy.pt'):
        m = torch.load(out / file)['model']
        assert m['transposed'].stride() == (1, 5) and m['offset_view'].storage_offset() == 2
        assert m['shared_a'].data_ptr() + 16 == m['shared_b'].data_ptr(), file
        assert isinstance(m['param'], nn.Parameter) and hasattr(m, '_metadata'), file


def main():
    out.mkdir(exist_ok=True)
    makers = {'state_zip.pt': make_state_zip, 'state_legacy.pt': make_state_legacy,
              'tensor_only.pt': make_tensor_only, 'list_of_tensors.pt': make_list_of_tensors}
    write_expected({file: flatten(make()) for file, make in makers.items()})
    check()
    for p in sorted(out.iterdir()):
        print(f'{p.stat().st_size:6d}  {p.relative_to(out.parent)}')


if __name__ == '__main__':
    main()
