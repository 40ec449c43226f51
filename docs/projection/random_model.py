# Writes a randomly initialised official StyleGAN2 generator (NVlabs networks.Generator, seed 0) as a stylegan4j
# model file, so both projectors can be timed on a model of realistic width:
#   /usr/bin/python3 docs/projection/random_model.py OUT.safetensors --res 64 --cbase 16384 --zw 512 --map 8
import argparse, json, struct, sys

import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument('out'); p.add_argument('--res', type=int, default=64); p.add_argument('--cbase', type=int, default=16384)
p.add_argument('--cmax', type=int, default=512); p.add_argument('--zw', type=int, default=512); p.add_argument('--map', type=int, default=8)
p.add_argument('--repo', default='/tmp/refs/stylegan2-ada')
a = p.parse_args()
sys.path.insert(0, a.repo)
from training import networks  # noqa: E402

torch.manual_seed(0)
G = networks.Generator(z_dim=a.zw, c_dim=0, w_dim=a.zw, img_resolution=a.res, img_channels=3, mapping_kwargs=dict(num_layers=a.map),
                       synthesis_kwargs=dict(channel_base=a.cbase, channel_max=a.cmax, num_fp16_res=0, conv_clamp=None))
cfg = dict(zDim=a.zw, cDim=0, wDim=a.zw, imgResolution=a.res, imgChannels=3, mappingLayers=a.map, mappingLrMul=0.01, wAvgBeta=0.995,
           channelBase=a.cbase, channelMax=a.cmax, architecture='SKIP', useNoise=True, convClamp=None)
header, blobs, off = {'__metadata__': {'format': 'stylegan4j-model', 'format_version': '1', 'G_config': json.dumps(cfg)}}, [], 0
for k, v in G.state_dict().items():
    b = v.detach().float().contiguous().numpy().tobytes()
    header['G_ema.' + k] = dict(dtype='F32', shape=list(v.shape), data_offsets=[off, off + len(b)])
    blobs.append(b); off += len(b)
h = json.dumps(header).encode(); h += b' ' * (-len(h) % 8)
with open(a.out, 'wb') as f:
    f.write(struct.pack('<Q', len(h))); f.write(h); [f.write(b) for b in blobs]
print('wrote', a.out, sum(p.numel() for p in G.parameters()), 'parameters')
