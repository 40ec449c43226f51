#!/usr/bin/env bash
# Packs what `check.sh` needs on a CUDA machine that has PyTorch (libtorch + CUDA libraries) but no Java and no network:
# a jlink'd JRE, the project's jars without the CPU natives, bytedeco's GPU JNI libraries (not its 840 MB libtorch:
# the machine's own libtorch is used), OpenBLAS's natives (the torch presets load them), and the parity fixtures.
# Usage, from the project root after `mvn -DskipTests package`: docs/cuda/bundle.sh [OUTDIR, default .gpu]
set -euo pipefail
out=${1:-.gpu}; work=$(mktemp -d); m2=~/.m2/repository/org/bytedeco
rm -rf "$out"; mkdir -p "$out/lib" "$work/fixtures"
mvn -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/cp.txt" >/dev/null
tr ':' '\n' <"$work/cp.txt" | grep -v -E 'linux-x86_64|pdfbox|fontbox|graphics2d|jcodec|selenium|jazzer|byte-buddy|guava|opentelemetry|junit|opentest|apiguardian|failsafe|checker|error_prone|j2objc|jsr305|listenablefuture|failureaccess|jspecify' | xargs -I{} cp {} "$out/lib/"
cp target/stylegan4j.jar "$out/lib/"
jlink --add-modules java.base,java.desktop,java.logging,java.management,jdk.unsupported,java.naming,java.xml,java.sql \
  --strip-debug --no-header-files --no-man-pages --compress=0 --output "$work/jre"
gpu=$m2/pytorch/2.10.0-1.5.13/pytorch-2.10.0-1.5.13-linux-x86_64-gpu.jar
[[ -f $gpu ]] || curl -sfL -o "$gpu" https://repo1.maven.org/maven2/org/bytedeco/pytorch/2.10.0-1.5.13/pytorch-2.10.0-1.5.13-linux-x86_64-gpu.jar
(cd "$work" && unzip -q "$gpu" 'org/bytedeco/pytorch/linux-x86_64-gpu/libjni*' 'org/bytedeco/pytorch/linux-x86_64-gpu/libtorch.so' \
  && unzip -q "$m2/openblas/0.3.31-1.5.13/openblas-0.3.31-1.5.13-linux-x86_64.jar" 'org/bytedeco/openblas/linux-x86_64/*.so*' \
  && rm org/bytedeco/openblas/linux-x86_64/libjniopenblas_full.so \
  && ln -s libopenblas.so.0 org/bytedeco/openblas/linux-x86_64/libopenblas_nolapack.so.0)
cp -r ../shared/fixtures/{sg2-skip-resnet-32,sg1-32,progan-16,metrics} "$work/fixtures/"
export XZ_OPT=-9e
tar cJf "$out/jre.tar.xz" -C "$work" jre
tar cJf "$out/natives.tar.xz" -C "$work" org
tar cJf "$out/fixtures.tar.xz" -C "$work" fixtures
cp docs/cuda/check.sh "$out/"
rm -rf "$work"; du -sh "$out"
