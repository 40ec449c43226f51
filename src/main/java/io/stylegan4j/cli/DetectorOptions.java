package io.stylegan4j.cli;

import io.stylegan4j.metrics.DetectorFiles;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** --detector-dir and --detector of the commands that compute metrics. */
final class DetectorOptions {
    @Option(names = "--detector-dir", description = "folder holding inception-2015-12-05.pt and vgg16.pt (default: ~/.cache/stylegan4j)")
    Path detectorDir;

    @Option(names = "--detector", description = "a detector file: PATH (the Inception, for FID/KID), inception=PATH or vgg16=PATH; repeatable")
    List<String> detectors;

    DetectorFiles files() {
        Map<DetectorFiles.Kind, Path> explicit = new EnumMap<>(DetectorFiles.Kind.class);
        if (detectors != null) {
            for (String d : detectors) {
                int eq = d.indexOf('=');
                DetectorFiles.Kind kind = DetectorFiles.Kind.INCEPTION;
                if (eq > 0) {
                    kind = switch (d.substring(0, eq).toLowerCase(Locale.ROOT)) {
                        case "inception" -> DetectorFiles.Kind.INCEPTION;
                        case "vgg16", "vgg" -> DetectorFiles.Kind.VGG16;
                        default -> throw new IllegalArgumentException("--detector " + d + ": the kind before '=' must be inception or vgg16");
                    };
                }
                explicit.put(kind, Path.of(eq > 0 ? d.substring(eq + 1) : d));
            }
        }
        return new DetectorFiles(detectorDir != null ? detectorDir : DetectorFiles.defaultDir(), explicit);
    }
}
