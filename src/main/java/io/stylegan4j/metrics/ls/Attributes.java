package io.stylegan4j.metrics.ls;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.data.ShapeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The binary attributes a dataset's labels give, one auxiliary classifier each. */
public final class Attributes {
    private Attributes() {}

    /**
     * The built-in shapes: one attribute per generating factor that an image shows. Continuous factors are split at
     * the middle of their range. Rotation is left out: a circle has none, and each kind has its own period, so
     * "rotated past half a period" is not one visual property.
     *
     * <p>A class-labelled dataset (dataset.json, e.g. MNIST digits): one "is class k" attribute per class, one
     * versus the rest. Class labels are categories, not bundles of yes/no properties: the bits of the number 6
     * mean nothing visual, while "is a 6" is exactly what a hyperplane in Z or W should be able to cut out.
     */
    public static List<Attribute> of(Dataset data) {
        if (data instanceof ProceduralDataset shapes) return shapes(shapes);
        if (!data.hasLabels())
            throw new IllegalArgumentException(data.description() + " has no labels; the classifiers learn from dataset.json labels"
                    + " (build the zip with labels, or use --data builtin)");
        int classes = data.classCount();
        if (classes < 2)
            throw new IllegalArgumentException(data.description() + " has only " + classes + " class; a classifier needs at least 2");
        List<Attribute> out = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            int cls = k;
            out.add(new Attribute("class" + k, "label is " + k + " (one versus the rest)", i -> data.label(i) == cls));
        }
        return out;
    }

    static List<Attribute> shapes(ProceduralDataset d) {
        List<Attribute> out = new ArrayList<>();
        for (ShapeKind k : ShapeKind.values()) {
            String name = k.name().toLowerCase(Locale.ROOT);
            out.add(new Attribute(name, "the shape is a " + name, i -> d.factors(i).kind() == k));
        }
        out.add(new Attribute("dot", "a dot of the complementary hue at the shape's centre", i -> d.factors(i).hasDot()));
        out.add(new Attribute("gradient", "the background is a vertical gradient, not plain", i -> d.factors(i).gradient()));
        out.add(new Attribute("large", "the shape's size is above the middle of its range", i -> d.factors(i).isLarge()));
        out.add(new Attribute("right", "the shape sits in the right half of its horizontal range", i -> d.factors(i).x() > 0.5));
        out.add(new Attribute("low", "the shape sits in the lower half of its vertical range", i -> d.factors(i).y() > 0.5));
        out.add(new Attribute("hue", "the shape's hue is in [0.5, 1): cyan, blue, magenta rather than red, yellow, green",
                i -> d.factors(i).hue() >= 0.5));
        out.add(new Attribute("bghue", "the background's hue is in [0.5, 1)", i -> d.factors(i).backgroundHue() >= 0.5));
        return out;
    }

    /** The named subset of {@code all}, in the order given; an unknown name is an error listing the known ones. */
    public static List<Attribute> select(List<Attribute> all, List<String> names) {
        if (names == null || names.isEmpty()) return all;
        List<Attribute> out = new ArrayList<>();
        for (String n : names) {
            Attribute a = all.stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "unknown attribute '" + n + "'; this dataset has " + all.stream().map(Attribute::name).toList()));
            out.add(a);
        }
        return out;
    }
}
