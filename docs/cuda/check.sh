#!/usr/bin/env bash
# On the CUDA machine, from the project root, with the bundle in .gpu: parity of every fixture folder on the GPU (and
# one on its CPU), then two short training runs and a generate. Writes log.txt (and the runs' stats) to $OUT.
G=$PWD/.gpu; J=/tmp/j; OUT=${OUT:-/tmp/cuda-check}; mkdir -p $J $OUT; exec > >(tee $OUT/log.txt) 2>&1
nvidia-smi -L
SP=$(python3 -c 'import torch,os;print(os.path.dirname(os.path.dirname(torch.__file__)))'); TL=$SP/torch/lib
python3 -c 'import torch;print("libtorch from PyTorch", torch.__version__, "CUDA", torch.version.cuda)'
NV=$(ls -d $SP/nvidia/*/lib $SP/nvidia/cu13/lib 2>/dev/null | tr '\n' ':')
tar xJf $G/jre.tar.xz -C $J && tar xJf $G/natives.tar.xz -C $J && tar xJf $G/fixtures.tar.xz -C $J
export LD_LIBRARY_PATH=$TL:$NV:$J/org/bytedeco/openblas/linux-x86_64
JAVA="$J/jre/bin/java -Xmx16g -Djava.library.path=$TL:$J/org/bytedeco/openblas/linux-x86_64 -Dorg.bytedeco.javacpp.platform.extension=-gpu -Dorg.bytedeco.javacpp.cachedir=/tmp/jc -cp $G/lib/*:$J io.stylegan4j.cli.Main"
run() { echo "== $*"; local t0=$(date +%s.%N); timeout 150 $JAVA "$@" 2>&1 | grep -v " ok$" | tail -40; echo "rc=${PIPESTATUS[0]} wall=$(python3 -c "import time;print(round(time.time()-$t0,1))")s"; }
for f in sg2-skip-resnet-32 sg1-32 progan-16 metrics; do run parity $J/fixtures/$f --device cuda; done
run parity $J/fixtures/sg2-skip-resnet-32 --device cpu
run train --device cuda --outdir /tmp/r32 --cfg cpu32 --kimg 4 --tick 1 --snap 4 && cp /tmp/r32/stats.jsonl $OUT/train32-stats.jsonl
run train --device cuda --outdir /tmp/r64 --data builtin:64 --cfg cpu64 --kimg 2 --tick 1 --snap 2 && cp /tmp/r64/stats.jsonl $OUT/train64-stats.jsonl
run generate --device cuda --network /tmp/r32/network-snapshot-000004.safetensors --seeds 0-3 --outdir $OUT/gen
