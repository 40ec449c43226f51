package io.stylegan4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stylegan4j.TestSupport;
import io.stylegan4j.model.DiscriminatorConfig.Downsample;
import io.stylegan4j.model.DiscriminatorConfig.Head;
import io.stylegan4j.ops.Conv2dResample;
import io.stylegan4j.ops.Fir;
import io.stylegan4j.ops.Tensors;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** D's departures for small data (--d-head average, --d-downsample stride) against plain equivalents. */
class DiscriminatorVariantsTest {
    private static final Device CPU = TestSupport.cpu();

    private static double maxDiff(Tensor a, Tensor b) {
        assertArrayEquals(Tensors.shape(b), Tensors.shape(a), "shape");
        return Tensors.item(a.sub(b).abs().max());
    }

    /** With the one-tap FIR, D's 3x3 and 1x1 downsampling convs (fast and reference routes) are torch's strided convs. */
    @ParameterizedTest
    @CsvSource({"3,1", "1,0"})
    void strideDownsamplingIsAPlainStridedConv(int k, int pad) {
        torch.manual_seed(1);
        Tensor x = torch.randn(new long[] {2, 4, 8, 8}), w = torch.randn(new long[] {6, 4, k, k});
        Tensor plain = torch.conv2d(x, w, new TensorOptional(), new long[] {2, 2}, new long[] {pad, pad}, new long[] {1, 1}, 1);
        assertEquals(4, plain.size(2));
        try (Fir one = Fir.identity(CPU)) {
            assertTrue(maxDiff(Conv2dResample.fast(x, w, one, 1, 2, pad, 1, true), plain) < 1e-5);
            assertTrue(maxDiff(Conv2dResample.reference(x, w, one, 1, 2, pad, 1, true), plain) < 1e-5);
        }
        try (Fir blur = Fir.binomial(CPU)) { // the paper's low-pass is a different function: the test can tell them apart
            assertTrue(maxDiff(Conv2dResample.fast(x, w, blur, 1, 2, pad, 1, true), plain) > 0.1);
        }
    }

    /**
     * The averaging head is the flattening head with each channel's dense weights tied across the 16 positions: copy
     * the averaging epilogue's weights into a flattening one that way (the equalized-lr gains differ by sqrt(16)) and
     * both give the same logits.
     */
    @Test
    void theAveragingHeadIsTheFlatteningHeadWithWeightsTiedAcrossPositions() {
        torch.manual_seed(2);
        DiscriminatorConfig papers = DiscriminatorConfig.of(8, 3);
        try (Fir fir = Fir.binomial(CPU);
             DiscriminatorEpilogue flat = new DiscriminatorEpilogue(8, 0, papers, fir, CPU);
             DiscriminatorEpilogue avg = new DiscriminatorEpilogue(8, 0, papers.withHead(Head.AVERAGE), fir, CPU)) {
            assertArrayEquals(new long[] {8, 128}, Tensors.shape(flat.parameters().get("fc.weight")));
            assertArrayEquals(new long[] {8, 8}, Tensors.shape(avg.parameters().get("fc.weight")));
            Tensor x = torch.randn(new long[] {4, 8, 4, 4});
            double before = maxDiff(flat.forward(x, null, null), avg.forward(x, null, null));
            for (var e : avg.parameters().entrySet()) {
                Tensor v = e.getKey().equals("fc.weight") ? e.getValue().repeat_interleave(16, new LongOptional(1), new LongOptional()).div(Tensors.scalar(4)) : e.getValue();
                flat.parameters().get(e.getKey()).detach().copy_(v);
            }
            assertTrue(before > 1e-2, "untied heads differ (" + before + "): the comparison can fail");
            assertTrue(maxDiff(flat.forward(x, null, null), avg.forward(x, null, null)) < 1e-5);
        }
    }

    /** The options travel in the config's JSON (snapshots keep it); files written before them read as the paper's D. */
    @Test
    void theOptionsTravelInTheJsonAndOlderFilesReadAsThePapersD() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DiscriminatorConfig small = DiscriminatorConfig.of(32, 3).withHead(Head.AVERAGE).withDownsample(Downsample.STRIDE);
        assertEquals(small, json.readValue(json.writeValueAsString(small), DiscriminatorConfig.class));
        ObjectNode old = json.valueToTree(DiscriminatorConfig.of(32, 3));
        old.remove("head");
        old.remove("downsample");
        DiscriminatorConfig read = json.treeToValue(old, DiscriminatorConfig.class);
        assertEquals(DiscriminatorConfig.of(32, 3), read);
        assertEquals(Head.FLATTEN, read.head());
        assertEquals(Downsample.BLUR, read.downsample());
    }

    /** The full D with both options builds, runs and differs from the paper's D only in the 4x4 dense layer's width. */
    @Test
    void theSmallDataDiscriminatorHasThePapersParametersButOne() {
        DiscriminatorConfig papers = DiscriminatorConfig.of(16, 3).withChannels(256, 32);
        try (Discriminator a = new Discriminator(papers, CPU);
             Discriminator b = new Discriminator(papers.withHead(Head.AVERAGE).withDownsample(Downsample.STRIDE), CPU)) {
            assertEquals(a.parameters().keySet(), b.parameters().keySet());
            for (String name : a.parameters().keySet())
                if (!name.equals("b4.fc.weight"))
                    assertArrayEquals(Tensors.shape(a.parameters().get(name)), Tensors.shape(b.parameters().get(name)), name);
            assertArrayEquals(new long[] {2, 1}, Tensors.shape(b.forward(torch.randn(new long[] {2, 3, 16, 16}))));
        }
    }
}
