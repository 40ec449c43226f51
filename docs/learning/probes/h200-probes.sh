#!/usr/bin/env bash
# Device run 1: parity of every fixture folder on cuda, a short cpu32 training, then the D probes (docs/learning/probes)
# on cuda (ZzProbeMain: ZzProbeCnn as a main class, in .gpu/probe), 4 seeds each; variants in h200-probes.txt (.gpu/probes.txt) at 50 kimg plus three 200-kimg runs, 12 at a time.
G=$PWD/.gpu; J=/tmp/j; mkdir -p $J; exec > >(tee $OUT/log.txt) 2>&1
nvidia-smi -L
SP=$(python3 -c 'import torch,os;print(os.path.dirname(os.path.dirname(torch.__file__)))'); TL=$SP/torch/lib
NV=$(ls -d $SP/nvidia/*/lib $SP/nvidia/cu13/lib 2>/dev/null | tr '\n' ':')
tar xJf $G/jre.tar.xz -C $J && tar xJf $G/natives.tar.xz -C $J && tar xJf $G/fixtures.tar.xz -C $J
export LD_LIBRARY_PATH=$TL:$NV:$J/org/bytedeco/openblas/linux-x86_64
JOPT="-Djava.library.path=$TL:$J/org/bytedeco/openblas/linux-x86_64 -Dorg.bytedeco.javacpp.platform.extension=-gpu -Dorg.bytedeco.javacpp.cachedir=/tmp/jc"
JAVA="$J/jre/bin/java -Xmx16g $JOPT -cp $G/lib/*:$J io.stylegan4j.cli.Main"
run() { echo "== $*"; local t0=$(date +%s.%N); timeout 150 $JAVA "$@" 2>&1 | grep -v " ok$" | tail -12; echo "rc=${PIPESTATUS[0]} wall=$(python3 -c "import time;print(round(time.time()-$t0,1))")s"; }
for f in sg2-skip-resnet-32 sg1-32 progan-16 metrics; do run parity $J/fixtures/$f --device cuda; done
run train --device cuda --outdir /tmp/r32 --cfg cpu32 --kimg 4 --tick 1 --snap 4 && cp /tmp/r32/stats.jsonl $OUT/train32-stats.jsonl
export OMP_NUM_THREADS=1
{ while read name props; do for s in 0 1 2 3; do echo "$name $props -Dprobe.seed=$s -Dprobe.kimg=50"; done; done < $G/probes.txt
  echo "plain-rgb3-200 -Dprobe.dlike=true -Dprobe.rgb3=true -Dprobe.lr=0.001 -Dprobe.kimg=200"
  echo "reallike-rgb3-200 -Dprobe.dlike=true -Dprobe.rgb3=true -Dprobe.eq=true -Dprobe.res=true -Dprobe.blur=true -Dprobe.lr=0.002 -Dprobe.kimg=200"
  echo "reallike-rgb1-200 -Dprobe.dlike=true -Dprobe.eq=true -Dprobe.res=true -Dprobe.blur=true -Dprobe.lr=0.002 -Dprobe.kimg=200"; } > /tmp/jobs.txt
t0=$(date +%s)
tac /tmp/jobs.txt | xargs -P 12 -L 1 bash -c 'n=$0; r=$(timeout 240 '"$J/jre/bin/java -Xmx2g $JOPT"' -Dprobe.device=cuda "$@" -cp '"$G/lib/*:$G/probe:$J"' io.stylegan4j.metrics.ls.ZzProbeMain 2>&1 | grep "PROBE plain\|Exception\|Error" | head -3); echo "RESULT $n $r"' 
echo "probes took $(( $(date +%s) - t0 )) s"
nvidia-smi --query-gpu=name,memory.used --format=csv
