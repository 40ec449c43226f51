# Reads stylegan4j's ZIPs with the official training/dataset.py, and writes one with the official dataset_tool.py
import sys, subprocess, numpy as np, json, zipfile, PIL.Image
sys.path.insert(0, '/tmp/refs/stylegan2-ada')
from training.dataset import ImageFolderDataset
d = ImageFolderDataset(path='ours-mnist.zip', use_labels=True)
imgs = np.load('mnist_imgs.npy'); labels = np.load('mnist_labels.npy')
padded = np.pad(imgs, [(0, 0), (2, 2), (2, 2)])
ok = all(np.array_equal(d[i][0][0], padded[i]) and int(np.argmax(d[i][1])) == labels[i] for i in range(len(d)))
print('official ImageFolderDataset reads ours-mnist.zip:', len(d), 'images', d.image_shape, 'label_dim', d.label_dim, 'pixels+labels equal:', ok)
d2 = ImageFolderDataset(path='ours-folder.zip', use_labels=True)
print('official ImageFolderDataset reads ours-folder.zip:', len(d2), d2.image_shape, 'labels', [int(np.argmax(d2[i][1])) for i in range(len(d2))])
# the official tool on the same folder, box filter, center-crop (its own pipeline: PIL)
r = subprocess.run([sys.executable, '/tmp/refs/stylegan2-ada/dataset_tool.py', '--source', 'folder', '--dest', 'official-folder.zip',
                    '--width', '32', '--height', '32', '--transform', 'center-crop', '--resize-filter', 'box'], capture_output=True, text=True)
print('official dataset_tool rc', r.returncode, r.stderr[-300:])
o = ImageFolderDataset(path='official-folder.zip', use_labels=True)
diff = max(int(np.abs(o[i][0].astype(int) - d2[i][0].astype(int)).max()) for i in range(len(o)))
print('official vs ours, same folder, box + center-crop: max pixel diff', diff, '; labels equal',
      all(np.array_equal(o[i][1], d2[i][1]) for i in range(len(o))))
