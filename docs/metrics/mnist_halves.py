# Splits the 10,000 digits of shared/datasets/mnist.sh into the halves A and B that shared/detectors/README.md's
# sanity FIDs use: A = RandomState(7303).permutation(10000)[:5000], B = the rest (dataset.json order).
# Usage: python3 mnist_halves.py MNIST_DIR OUT_PREFIX   -> OUT_PREFIX-A/, OUT_PREFIX-B/ (5,000 PNGs each)
import json, os, shutil, sys
import numpy as np
src, out = sys.argv[1], sys.argv[2]
labels = json.load(open(os.path.join(src, 'dataset.json')))['labels']
perm = np.random.RandomState(7303).permutation(len(labels))
for name, idx in (('A', perm[:5000]), ('B', perm[5000:])):
    d = f'{out}-{name}'
    os.makedirs(d, exist_ok=True)
    for k, i in enumerate(sorted(idx)):
        shutil.copy(os.path.join(src, labels[i][0]), os.path.join(d, f'{k:05d}.png'))
