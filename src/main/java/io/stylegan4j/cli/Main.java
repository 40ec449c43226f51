package io.stylegan4j.cli;

import io.stylegan4j.io.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stylegan4j} command. Subcommands mirror the official tools; every error that reaches the user is one
 * line saying what is wrong and what to do, with exit code 1 (2 for a usage error).
 */
@Command(name = "stylegan4j", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "StyleGAN and StyleGAN2 on the JVM: train (StyleGAN2 with ADA, or StyleGAN v1 / ProGAN growing progressively), "
                + "generate, mix and explore the papers' figures, measure (FID, KID, precision/recall, PPL, linear separability), "
                + "project images into W, open official and rosinality checkpoints, serve a web explorer, check parity with the "
                + "official code, benchmark.",
        subcommands = {DemoCommand.class, TrainCommand.class, DatasetCommand.class, GenerateCommand.class, MixCommand.class,
                NoiseCommand.class, TruncationCommand.class, InterpolateCommand.class, ParityCommand.class, ConvertCommand.class,
                InfoCommand.class, BenchCommand.class,
                TrainClassifierCommand.class,
                LsCommand.class,
                ProjectCommand.class,
                AttributeCommand.class,
                AnalyzeCommand.class,
                MetricsCommand.class,
                ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex;
            while (t.getCause() != null && (t.getMessage() == null || t instanceof java.lang.reflect.InvocationTargetException))
                t = t.getCause();
            cmd.getErr().println("error: " + oneLine(t));
            if (System.getenv("STYLEGAN4J_DEBUG") != null) t.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null) m = t.getClass().getSimpleName();
        return m.split("\n")[0];
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stylegan4j " + Version.get()};
        }
    }
}
