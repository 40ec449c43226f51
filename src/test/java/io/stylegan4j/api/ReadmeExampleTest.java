package io.stylegan4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Use from Java" example, exactly as written there, compiled in-process and run, so it cannot rot. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    static String example() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n## Use from Java");
        assertTrue(section >= 0, "README.md has no '## Use from Java' section");
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(section), "no ```java block after '## Use from Java'");
        return m.group(1);
    }

    @Test
    void compilesAndRuns() throws Exception {
        String code = example();
        assertTrue(code.lines().count() <= 15, "the README promises at most 15 lines, the example has " + code.lines().count());
        Matcher cls = Pattern.compile("public class (\\w+)").matcher(code);
        assertTrue(cls.find(), "the example declares no public class");
        Path src = dir.resolve(cls.group(1) + ".java");
        Files.writeString(src, code);

        // Surefire runs the tests from a manifest-only jar; the real class path is in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        boolean ok = javac.getTask(errors, files, null, List.of("-classpath", classpath, "-d", dir.toString(), "-Xlint:none"), null,
                files.getJavaFileObjects(src.toFile())).call();
        assertTrue(ok, "the README example does not compile:\n" + errors);

        Path out = dir.resolve("star.png");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            loader.loadClass(cls.group(1)).getMethod("main", String[].class).invoke(null, (Object) new String[] {out.toString()});
        }
        BufferedImage img = ImageIO.read(new File(out.toString()));
        assertEquals(32, img.getWidth());
        assertEquals(32, img.getHeight());
    }
}
