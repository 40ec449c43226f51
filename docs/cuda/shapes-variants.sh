#!/usr/bin/env bash
# On a lent GPU machine, from the project root with the bundle in .gpu (docs/cuda/bundle.sh): continue the shipped
# shapes model four ways at once for 8 minutes (an H200 is launch-bound at this size, so four runs cost little more
# than one): the baseline resume (R1 gamma 10), and --init with gamma 1, gamma 0.1, and gamma 1 with --aug ada. Then
# kinds10k of each with the shipped classifiers (docs/models/kinds). The snapshots, grids, stats and numbers come back
# in $OUT. Fits one session's device time (15 minutes) with the machine's start.
# Its first try (2026-11-28) ended with a bare `wait`, which also waits for the `tee` below and so never returned:
# wait on the job ids.
G=$PWD/.gpu; J=/tmp/j; mkdir -p $J; exec > >(tee $OUT/log.txt) 2>&1
SP=$(python3 -c 'import torch,os;print(os.path.dirname(os.path.dirname(torch.__file__)))'); TL=$SP/torch/lib
NV=$(ls -d $SP/nvidia/*/lib $SP/nvidia/cu13/lib 2>/dev/null | tr '\n' ':')
tar xJf $G/jre.tar.xz -C $J && tar xJf $G/natives.tar.xz -C $J
export LD_LIBRARY_PATH=$TL:$NV:$J/org/bytedeco/openblas/linux-x86_64 OMP_NUM_THREADS=2
JAVA="$J/jre/bin/java -Xmx8g -Djava.library.path=$TL:$J/org/bytedeco/openblas/linux-x86_64 -Dorg.bytedeco.javacpp.platform.extension=-gpu -Dorg.bytedeco.javacpp.cachedir=/tmp/jc -cp $G/lib/*:$J io.stylegan4j.cli.Main"
M=docs/models/shapes32.safetensors; T="--device cuda --kimg 3000 --minutes 8 --tick 20 --snap 1000 --keep 1"
$JAVA train --resume $M --outdir /tmp/A $T > /tmp/A.log 2>&1 & pids="$!"
$JAVA train --init $M --data builtin --cond --gamma 1 --outdir /tmp/B $T > /tmp/B.log 2>&1 & pids="$pids $!"
$JAVA train --init $M --data builtin --cond --gamma 0.1 --outdir /tmp/C $T > /tmp/C.log 2>&1 & pids="$pids $!"
$JAVA train --init $M --data builtin --cond --gamma 1 --aug ada --outdir /tmp/D $T > /tmp/D.log 2>&1 & pids="$pids $!"
wait $pids
mkdir -p /tmp/pack; pids=""
for v in A B C D; do
  $JAVA metrics --device cuda --network $(ls -t /tmp/$v/network-snapshot-*.safetensors | head -1) --data builtin --metrics kinds10k \
    --classifiers docs/models/kinds > /tmp/$v-kinds.txt 2>&1 & pids="$pids $!"; done
wait $pids
for v in A B C D; do echo "== $v"; tr '\r' '\n' < /tmp/$v.log | grep -v '^ \|^{\|^}' | grep -v "img/s$" | tail -3
  tail -n 1 /tmp/$v/stats.jsonl | cut -c1-300; tail -n 1 /tmp/$v-kinds.txt
  cp $(ls -t /tmp/$v/network-snapshot-*.safetensors | head -1) $OUT/$v.safetensors; mkdir -p /tmp/pack/$v
  cp /tmp/$v/stats.jsonl /tmp/$v/training_options.json /tmp/$v-kinds.txt /tmp/pack/$v/; cp $(ls -t /tmp/$v/fakes0*.png | head -1) /tmp/pack/$v/; done
tar czf $OUT/pack.tgz -C /tmp/pack .; ls -la $OUT
