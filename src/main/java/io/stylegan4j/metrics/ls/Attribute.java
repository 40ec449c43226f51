package io.stylegan4j.metrics.ls;

import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * One binary attribute of a labelled dataset, as one auxiliary classifier learns it (the paper's 40 CelebA-HQ
 * attributes are of this kind: male, smiling, eyeglasses, ...).
 *
 * @param name short identifier, used in file names ({@code classifier-<name>.safetensors})
 * @param meaning what "present" means, for people reading a file header or a report
 * @param present whether dataset image {@code i} has the attribute
 */
public record Attribute(String name, String meaning, IntPredicate present) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public Attribute {
        if (!NAME.matcher(name).matches())
            throw new IllegalArgumentException("attribute name '" + name + "' must be letters, digits, '_' or '-'");
    }

    /** 1 when image {@code i} has the attribute, else 0: the classifier's target. */
    public int label(int i) {
        return present.test(i) ? 1 : 0;
    }
}
