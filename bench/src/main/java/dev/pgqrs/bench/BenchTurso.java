package dev.pgqrs.bench;

import dev.pgqrs.turso.LocalTursoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A {@code tursodb --sync-server} on a free local port serving a fresh database file, for one part of
 * the benchmark. The binary comes from the system property {@code bench.tursodb} (run.sh installs it
 * from npm, as the core build does).
 */
public final class BenchTurso implements AutoCloseable {
    private final LocalTursoServer server;

    private BenchTurso(LocalTursoServer server) {
        this.server = server;
    }

    public static String binary() {
        String b = System.getProperty("bench.tursodb", "");
        return !b.isEmpty() && Files.isExecutable(Path.of(b)) ? b : null;
    }

    public static String version() {
        try {
            Process p = new ProcessBuilder(binary(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.lines().findFirst().orElse("?");
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** A fresh database in {@code dir} (emptied first), served on a free port. */
    public static BenchTurso start(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return new BenchTurso(LocalTursoServer.start(Path.of(binary()), dir.resolve("db.sqlite")));
    }

    public String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
