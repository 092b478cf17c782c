package dev.pgqrs.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A {@code tursodb --sync-server} on a free local port serving a fresh database file, for one part of
 * the benchmark. The binary comes from the system property {@code bench.tursodb} (run.sh installs it
 * from npm, as the core build does).
 */
public final class BenchTurso implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private BenchTurso(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
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

    public static BenchTurso start(Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary(), dir.resolve("db.sqlite").toString(), "--sync-server", "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        BenchTurso server = new BenchTurso(p, port, dir);
        server.awaitReady();
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/v2/pipeline"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"requests\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        close();
        throw new IOException("tursodb did not start; see " + dir.resolve("server.log"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
