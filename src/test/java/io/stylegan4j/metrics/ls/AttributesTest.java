package io.stylegan4j.metrics.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylegan4j.data.Dataset;
import io.stylegan4j.data.ProceduralDataset;
import io.stylegan4j.data.ShapeFactors;
import io.stylegan4j.data.ShapeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributesTest {
    @Test
    void builtinShapesHaveOneAttributePerVisibleFactor() {
        ProceduralDataset d = new ProceduralDataset(8, 50, 0);
        List<Attribute> all = Attributes.of(d);
        assertEquals(List.of("circle", "square", "triangle", "star", "dot", "gradient", "large", "right", "low", "hue", "bghue"),
                all.stream().map(Attribute::name).toList());
        for (int i = 0; i < d.size(); i++) {
            ShapeFactors f = d.factors(i);
            assertEquals(f.kind() == ShapeKind.STAR ? 1 : 0, all.get(3).label(i));
            assertEquals(f.hasDot() ? 1 : 0, all.get(4).label(i));
            assertEquals(f.isLarge() ? 1 : 0, all.get(6).label(i));
            assertEquals(f.x() > 0.5 ? 1 : 0, all.get(7).label(i));
            assertEquals(f.hue() >= 0.5 ? 1 : 0, all.get(9).label(i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attributes.select(all, List.of("colour")));
        assertTrue(e.getMessage().contains("unknown attribute 'colour'"), e.getMessage());
    }

    @Test
    void classLabelsGiveOneVersusRest() {
        int[] labels = {0, 2, 1, 2, 0};
        List<Attribute> all = Attributes.of(labelled(labels));
        assertEquals(List.of("class0", "class1", "class2"), all.stream().map(Attribute::name).toList());
        assertEquals(List.of(0, 1, 0, 1, 0), java.util.stream.IntStream.range(0, 5).mapToObj(i -> all.get(2).label(i)).toList());
    }

    @Test
    void unlabelledDatasetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attributes.of(labelled(null)));
        assertTrue(e.getMessage().contains("has no labels"), e.getMessage());
    }

    /** Labels only (no pixels are read); null = unlabelled. */
    private static Dataset labelled(int[] labels) {
        return new Dataset() {
            public int size() { return labels == null ? 3 : labels.length; }
            public int resolution() { return 8; }
            public int channels() { return 1; }
            public byte[] image(int i) { return new byte[64]; }
            public int label(int i) { return labels == null ? -1 : labels[i]; }
            public boolean hasLabels() { return labels != null; }
            public String identity() { return "test"; }
            public String description() { return "test set"; }
        };
    }
}
