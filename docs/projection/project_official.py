# Times the official NVlabs projector (projector.project, unmodified) on CPU for a stylegan4j model file, with the
# VGG16 stand-in served at the official URL, so its step time can be compared with `stylegan4j project` side by side.
#   /usr/bin/python3 docs/projection/project_official.py MODEL.safetensors TARGET.png VGG16.pt --steps 100 --threads 1
# Prints one JSON line: median/mean wall seconds and median CPU seconds per step (steps after the first 10), first and
# last distance. On a shared machine the CPU time is the fairer figure: wall time includes waiting for a core.
import argparse, json, os, statistics, sys, time

import numpy as np
import PIL.Image
import torch

p = argparse.ArgumentParser()
p.add_argument('model'); p.add_argument('target'); p.add_argument('vgg16')
p.add_argument('--steps', type=int, default=100)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--repo', default='/tmp/refs/stylegan2-ada')
a = p.parse_args()
torch.set_num_threads(a.threads)
sys.path.insert(0, a.repo)
import types  # noqa: E402
sys.modules.setdefault('imageio', types.ModuleType('imageio'))  # only its video writer uses it, which is not called
import dnnlib, projector  # noqa: E402
from training import networks  # noqa: E402


def read_safetensors(path, prefix):
    with open(path, 'rb') as f:
        n = int.from_bytes(f.read(8), 'little'); header = json.loads(f.read(n)); data = f.read()
    meta = header.pop('__metadata__', {})
    types = {'F32': np.float32, 'F64': np.float64, 'I64': np.int64}
    out = {k[len(prefix):]: torch.from_numpy(np.frombuffer(data[v['data_offsets'][0]:v['data_offsets'][1]], types[v['dtype']]).reshape(v['shape']).copy())
           for k, v in header.items() if k.startswith(prefix)}
    return meta, out


meta, sd = read_safetensors(a.model, 'G_ema.')
c = json.loads(meta['G_config'])
G = networks.Generator(z_dim=c['zDim'], c_dim=c['cDim'], w_dim=c['wDim'], img_resolution=c['imgResolution'], img_channels=c['imgChannels'],
                       mapping_kwargs=dict(num_layers=c['mappingLayers'], lr_multiplier=c['mappingLrMul'], w_avg_beta=c['wAvgBeta']),
                       synthesis_kwargs=dict(channel_base=c['channelBase'], channel_max=c['channelMax'], architecture=c['architecture'].lower(),
                                             num_fp16_res=0, conv_clamp=c['convClamp']))
G.load_state_dict(sd, strict=True)
G.eval().requires_grad_(False)

real_open = dnnlib.util.open_url
dnnlib.util.open_url = lambda url, *args, **kw: open(a.vgg16, 'rb') if url.endswith('/vgg16.pt') else real_open(url, *args, **kw)

stamps, dists = [], []
class TimedAdam(torch.optim.Adam):
    def step(self, *args, **kw):
        r = super().step(*args, **kw); stamps.append((time.perf_counter(), time.process_time())); return r
projector.torch.optim.Adam = TimedAdam
real_print = print
def capture(*args):
    s = ' '.join(str(x) for x in args)
    if s.startswith('step'): dists.append(float(s.split('dist')[1].split()[0]))
projector.print = capture

target = np.array(PIL.Image.open(a.target).convert('RGB'), dtype=np.uint8)
np.random.seed(303); torch.manual_seed(303)
projector.project(G, target=torch.tensor(target.transpose([2, 0, 1])), num_steps=a.steps, device=torch.device('cpu'), verbose=True)
dt = [b[0] - x[0] for x, b in zip(stamps, stamps[1:])][10:]
cpu = [b[1] - x[1] for x, b in zip(stamps, stamps[1:])][10:]
real_print(json.dumps(dict(impl='nvlabs projector.py', threads=a.threads, steps=a.steps, median_s=statistics.median(dt),
                           mean_s=statistics.mean(dt), median_cpu_s=statistics.median(cpu), dist_first=dists[0], dist_last=dists[-1])))
