package io.stylegan4j.io;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.common.model.Rational;

/**
 * H.264 MP4 videos (interpolations) through jcodec: pure Java, so it works wherever the JVM does, CI and machines
 * without ffmpeg included. Small frames are enlarged by an integer factor (nearest neighbour) to at least
 * {@link #MIN_SIDE} pixels: H.264 stores colour at half resolution, which would blur a 32 px image's colours away,
 * and players show tiny videos as a dot.
 *
 * <p>jcodec converts RGB to full-range ("JPEG") YUV but does not mark the stream full-range, so decoders (its own
 * and the usual players) read it as limited range (16-235) and every colour comes out darker and more saturated
 * (measured: RGB 20,120,136 decoded as 0,109,134; PSNR 25.6 dB). Squeezing RGB into 16..235 before the conversion
 * makes the luma exactly what a limited-range decoder expects and the chroma within 2% (219/224), so the decoded
 * colours match the frames.
 */
public final class Mp4Writer {
    /** The shorter side frames are enlarged to, at least. */
    public static final int MIN_SIDE = 256;

    private Mp4Writer() {}

    /** Writes the frames at {@code fps} frames per second, atomically (encoded in memory, then one rename). */
    public static void write(Path path, List<BufferedImage> frames, int fps) throws IOException {
        if (frames.isEmpty()) throw new IllegalArgumentException("an MP4 needs at least one frame");
        if (fps < 1 || fps > 120) throw new IllegalArgumentException("MP4 frame rate must be 1..120, got " + fps);
        int w = frames.get(0).getWidth(), h = frames.get(0).getHeight();
        int scale = Math.max(1, (MIN_SIDE + Math.min(w, h) - 1) / Math.min(w, h));
        int sw = even(w * scale), sh = even(h * scale);
        // A generous bound: H.264 at default quality stays far below the raw 4:2:0 size of the frames.
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(1 << 20, frames.size() * sw * sh * 3 / 2 + (1 << 16)));
        ByteBufferSeekableByteChannel channel = new ByteBufferSeekableByteChannel(buffer, 0);
        AWTSequenceEncoder encoder = new AWTSequenceEncoder(channel, Rational.R(fps, 1));
        for (int i = 0; i < frames.size(); i++) {
            BufferedImage f = frames.get(i);
            if (f.getWidth() != w || f.getHeight() != h)
                throw new IllegalArgumentException("MP4 frame " + i + " is " + f.getWidth() + "x" + f.getHeight() + " but frame 0 is " + w + "x" + h);
            encoder.encodeImage(enlarge(f, sw, sh));
        }
        encoder.finish();
        ByteBuffer contents = channel.getContents();
        byte[] bytes = new byte[contents.remaining()];
        contents.get(bytes);
        AtomicFiles.write(path, bytes);
    }

    private static int even(int v) {
        return v + (v & 1);
    }

    /** Enlarged (nearest neighbour) and squeezed into limited range. */
    private static BufferedImage enlarge(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        try {
            g.drawImage(src.getScaledInstance(w, h, Image.SCALE_FAST), 0, 0, null); // SCALE_FAST: nearest neighbour
        } finally {
            g.dispose();
        }
        byte[] px = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) px[i] = (byte) (16 + Math.round((px[i] & 0xff) * 219 / 255.0));
        return out;
    }
}
