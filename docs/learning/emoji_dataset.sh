#!/usr/bin/env bash
# A real colour set a user might bring: the 3,926 colour bitmaps (136x128 PNG) inside Debian's Noto Color Emoji font,
# padded to squares and resized to 32x32 with the official dataset tool's rules. Usage: emoji_dataset.sh OUTDIR
set -euo pipefail
out=$1; here="$(cd "$(dirname "$0")/../.." && pwd)"; mkdir -p "$out"; cd "$out"
apt-get download fonts-noto-color-emoji >/dev/null 2>&1 || { echo "apt-get download fonts-noto-color-emoji failed" >&2; exit 1; }
dpkg -x fonts-noto-color-emoji_*.deb font
# The font's CBDT table stores each glyph as a whole PNG: cut them out at their signatures.
python3 - <<'PY'
import os
d = open('font/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf', 'rb').read()
os.makedirs('png', exist_ok=True)
i = n = 0
while (i := d.find(b'\x89PNG\r\n\x1a\n', i)) >= 0:
    j = d.find(b'IEND', i) + 8
    open('png/e%04d.png' % n, 'wb').write(d[i:j]); n += 1; i = j
print(n, 'emoji PNGs')
PY
"$here/stylegan4j" dataset --source png --dest emoji32.zip --resolution 32 --transform pad
