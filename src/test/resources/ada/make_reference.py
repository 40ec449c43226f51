"""Reference outputs of the official StyleGAN2-ADA augmentation pipeline ('bgc') on fixed inputs.

Run from the repository root with Debian's python3 (torch 1.13) and the official code checked out:
    /usr/bin/python3 src/test/resources/ada/make_reference.py /tmp/refs/stylegan2-ada src/test/resources/ada/bgc.safetensors

Every torch.rand/torch.randn call the pipeline makes is recorded in call order (kind, count, values), so the Java
pipeline can replay exactly the draws the official one used: the comparison does not depend on two RNG
implementations agreeing. For each case the file holds the input, the output and the gradient of
sum(output * w) with respect to the input, for a fixed random w (the official CPU paths: upfirdn2d's reference
implementation and torch.nn.functional.grid_sample).
"""
import json
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, sys.argv[1])
from training.augment import AugmentPipe  # noqa: E402

BGC = dict(xflip=1, rotate90=1, xint=1, scale=1, rotate=1, aniso=1, xfrac=1,
           brightness=1, contrast=1, lumaflip=1, hue=1, saturation=1)

# name, batch, channels, resolution, p
CASES = [('rgb_p06', 8, 3, 16, 0.6), ('gray_p06', 6, 1, 16, 0.6), ('rgb_p1', 4, 3, 12, 1.0), ('rgb_p0', 2, 3, 8, 0.0)]


class Recorder:
    """Wraps torch.rand/randn; records each call's kind (0 uniform, 1 normal), element count and values."""

    def __init__(self):
        self.calls, self.values = [], []
        self.rand, self.randn = torch.rand, torch.randn

    def __enter__(self):
        def wrap(kind, fn):
            def f(*args, **kwargs):
                out = fn(*args, **kwargs)
                self.calls.append([kind, out.numel()])
                self.values.append(out.detach().flatten().clone())
                return out
            return f
        torch.rand, torch.randn = wrap(0, self.rand), wrap(1, self.randn)
        return self

    def __exit__(self, *exc):
        torch.rand, torch.randn = self.rand, self.randn


def write_safetensors(path, tensors, meta):
    header, blobs, offset = {'__metadata__': meta}, [], 0
    for name, t in tensors.items():
        a = np.ascontiguousarray(t.detach().cpu().numpy())
        dtype = {np.float32: 'F32', np.int32: 'I32'}[a.dtype.type]
        b = a.tobytes()
        header[name] = {'dtype': dtype, 'shape': list(a.shape), 'data_offsets': [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header).encode()
    h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))


def main():
    torch.manual_seed(2021)
    out, meta = {}, {'torch': torch.__version__, 'pipe': 'bgc', 'cases': ','.join(c[0] for c in CASES)}
    for name, n, c, r, p in CASES:
        pipe = AugmentPipe(**BGC).train().requires_grad_(False)
        pipe.p.copy_(torch.as_tensor(p))
        x = (torch.rand([n, c, r, r]) * 2 - 1).requires_grad_(True)
        w = torch.randn([n, c, r, r])
        with Recorder() as rec:
            y = pipe(x)
        (grad,) = torch.autograd.grad((y * w).sum(), [x])
        out[name + '.input'] = x
        out[name + '.w'] = w
        out[name + '.output'] = y
        out[name + '.grad'] = grad
        out[name + '.calls'] = torch.tensor(rec.calls, dtype=torch.int32)
        out[name + '.draws'] = torch.cat(rec.values)
        meta[name + '.p'] = repr(p)
    write_safetensors(sys.argv[2], out, meta)


if __name__ == '__main__':
    main()
