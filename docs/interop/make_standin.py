# A config-F-sized stand-in for an official stylegan2-ada-pytorch snapshot (1024 px, G + D + G_ema, ~360 MB),
# written the way training_loop.py writes snapshots (persistence-wrapped modules, pickle.dump).
import sys, copy, pickle, time
sys.path.insert(0, '/tmp/refs/stylegan2-ada')
import torch, dnnlib
from training import networks
torch.manual_seed(0)
common = dict(c_dim=0, img_resolution=1024, img_channels=3)
G = networks.Generator(z_dim=512, w_dim=512, mapping_kwargs=dict(num_layers=8),
                       synthesis_kwargs=dict(channel_base=32768, channel_max=512, num_fp16_res=4, conv_clamp=256), **common)
D = networks.Discriminator(block_kwargs={}, mapping_kwargs={}, epilogue_kwargs=dict(mbstd_group_size=4),
                           channel_base=32768, channel_max=512, num_fp16_res=4, conv_clamp=256, **common)
G_ema = copy.deepcopy(G).eval()
snap = dict(training_set_kwargs=dict(class_name='training.dataset.ImageFolderDataset', path='ffhq.zip', resolution=1024))
for name, m in [('G', G), ('D', D), ('G_ema', G_ema), ('augment_pipe', None)]:
    snap[name] = None if m is None else copy.deepcopy(m).eval().requires_grad_(False).cpu()
t = time.time()
with open(sys.argv[1], 'wb') as f:
    pickle.dump(snap, f)
print('wrote', sys.argv[1], 'in', round(time.time() - t, 1), 's')
