package dev.pgqrs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the benchmark Quarkus application (bench/target/quarkus-app) in its own JVM, with a 512 MB
 * heap, once per target and consumer kind, and collects the result lines it prints.
 */
public final class QuarkusRuns {
    private static final Path APP = Path.of("bench", "target", "quarkus-app", "quarkus-run.jar");

    private final Settings settings;
    private final List<String> jvmOptions;
    private final List<String> profile = new ArrayList<>();

    public QuarkusRuns(Settings settings, List<String> jvmOptions) {
        this.settings = settings;
        this.jvmOptions = jvmOptions;
    }

    public static boolean available() {
        return Files.exists(APP);
    }

    /** The top statements the application reported while draining (PostgreSQL). */
    public List<String> profile() {
        return profile;
    }

    /** Runs the application with these -D properties (channel bindings and bench.* options). */
    public List<Result> run(String label, Map<String, String> properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        if (settings.jfr()) {
            Path dir = Path.of("bench", "target", "jfr");
            Files.createDirectories(dir);
            command.add("-XX:StartFlightRecording=settings=profile,filename=" + dir.resolve(label.replace(' ', '-') + ".jfr"));
        }
        command.add("-Dbench.messages=" + settings.messages());
        command.add("-Dbench.batch=" + settings.batch());
        command.add("-Dbench.rate=" + settings.steadyRate());
        command.add("-Dbench.steady-seconds=" + settings.steadySeconds());
        command.add("-Dbench.warmup-seconds=" + settings.steadyWarmupSeconds());
        command.add("-Dbench.idle-settle-seconds=" + settings.idleSettleSeconds());
        command.add("-Dbench.drain-timeout-seconds=" + settings.drainTimeoutSeconds());
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(APP.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Result> results = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    results.add(Result.parse(line.substring(7)));
                } else {
                    output.add(line);
                    if (line.startsWith("# profile: ")) {
                        profile.add(line.substring("# profile: ".length()));
                    }
                    if (line.startsWith("# ")) {
                        System.out.println("# [" + label + "] " + line.substring(2));
                    }
                }
            }
        }
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0 || results.isEmpty()) {
            process.destroyForcibly();
            System.out.println("# [" + label + "] the application failed; its output:");
            output.stream().limit(60).forEach(l -> System.out.println("#   " + l));
            throw new IllegalStateException("benchmark application run '" + label + "' failed");
        }
        return results;
    }
}
