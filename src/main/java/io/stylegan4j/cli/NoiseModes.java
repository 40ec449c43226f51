package io.stylegan4j.cli;

import io.stylegan4j.nn.NoiseMode;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --noise-mode in the official spelling (lower case), turned into a usage error when it is none of them. */
final class NoiseModes implements ITypeConverter<NoiseMode> {
    @Override
    public NoiseMode convert(String value) {
        try {
            return NoiseMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a noise mode; use const, random or none");
        }
    }
}
