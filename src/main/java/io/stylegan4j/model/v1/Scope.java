package io.stylegan4j.model.v1;

import io.stylegan4j.nn.Module;
import io.stylegan4j.nn.TfScope;

/** A TF variable scope that only groups layers ({@code 4x4}, {@code 8x8}): it computes nothing itself. */
final class Scope extends TfScope {
    <M extends Module> M add(String name, M module) {
        return child(name, module);
    }
}
