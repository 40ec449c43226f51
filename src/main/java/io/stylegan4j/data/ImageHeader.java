package io.stylegan4j.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Size and channel count of a PNG or JPEG read from its first bytes only. Opening a dataset checks every image's
 * shape; decoding 70k full images just for that would take minutes, parsing headers takes seconds.
 */
record ImageHeader(Format format, int width, int height, int channels) {
    enum Format { PNG, JPEG }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static ImageHeader read(byte[] bytes, String name) {
        try {
            return read(new java.io.ByteArrayInputStream(bytes), name);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read image header (" + e.getMessage() + ")", e);
        }
    }

    /** Reads just enough of {@code in} to know the shape; the stream is left part-way. */
    static ImageHeader read(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.read();
        int b1 = data.read();
        if (b0 == 0x89 && b1 == 'P') {
            return png(data, name);
        }
        if (b0 == 0xFF && b1 == 0xD8) {
            return jpeg(data, name);
        }
        throw new DataException(name + ": not a PNG or JPEG file (unknown signature); convert it or remove it from the dataset");
    }

    private static ImageHeader png(DataInputStream in, String name) throws IOException {
        try {
            byte[] rest = new byte[6];
            in.readFully(rest);
            for (int i = 0; i < 6; i++) {
                if (rest[i] != PNG_SIGNATURE[i + 2]) {
                    throw new DataException(name + ": corrupt PNG signature; re-export the file");
                }
            }
            int length = in.readInt();
            int type = in.readInt();
            if (type != 0x49484452 /* IHDR */ || length != 13) {
                throw new DataException(name + ": corrupt PNG (first chunk is not IHDR); re-export the file");
            }
            int width = in.readInt();
            int height = in.readInt();
            in.readUnsignedByte(); // bit depth: any depth maps to 8-bit output
            int colorType = in.readUnsignedByte();
            int channels = switch (colorType) {
                case 0, 4 -> 1; // gray, gray+alpha (alpha is composited away)
                case 2, 3, 6 -> 3; // RGB, palette, RGBA
                default -> throw new DataException(name + ": PNG colour type " + colorType + " is invalid; re-export the file");
            };
            return checked(Format.PNG, width, height, channels, name);
        } catch (EOFException e) {
            throw new DataException(name + ": truncated PNG header; re-export or remove the file", e);
        }
    }

    private static ImageHeader jpeg(DataInputStream in, String name) throws IOException {
        try {
            while (true) {
                int marker = in.readUnsignedByte();
                if (marker != 0xFF) {
                    throw new DataException(name + ": corrupt JPEG (bad marker); re-export or remove the file");
                }
                int code = in.readUnsignedByte();
                while (code == 0xFF) { // fill bytes
                    code = in.readUnsignedByte();
                }
                if (code == 0xD8 || (code >= 0xD0 && code <= 0xD7) || code == 0x01) {
                    continue; // markers without a payload
                }
                if (code == 0xD9 || code == 0xDA) {
                    throw new DataException(name + ": JPEG without a frame header; re-export or remove the file");
                }
                int length = in.readUnsignedShort();
                boolean sof = code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC;
                if (sof) {
                    in.readUnsignedByte(); // precision
                    int height = in.readUnsignedShort();
                    int width = in.readUnsignedShort();
                    int components = in.readUnsignedByte();
                    if (components != 1 && components != 3) {
                        throw new DataException(name + ": JPEG with " + components + " components (CMYK?) is not supported; convert it to RGB");
                    }
                    return checked(Format.JPEG, width, height, components, name);
                }
                in.skipNBytes(length - 2);
            }
        } catch (EOFException e) {
            throw new DataException(name + ": truncated JPEG header; re-export or remove the file", e);
        }
    }

    private static ImageHeader checked(Format format, int width, int height, int channels, String name) {
        if (width <= 0 || height <= 0) {
            throw new DataException(name + ": image header says " + width + "x" + height + "; the file is corrupt");
        }
        return new ImageHeader(format, width, height, channels);
    }
}
