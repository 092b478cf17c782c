package dev.pgqrs.turso;

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
import java.util.concurrent.TimeUnit;

/**
 * A real {@code tursodb --sync-server} on a free local port, serving a fresh database file. The
 * binary is the one the build installed from npm (system property {@code pgqrs.test.tursodb}).
 */
public final class TursoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private TursoServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static TursoServer start() {
        String binary = System.getProperty("pgqrs.test.tursodb");
        if (binary == null || !Files.isExecutable(Path.of(binary))) {
            throw new IllegalStateException("tursodb not found at " + binary + " (system property pgqrs.test.tursodb). "
                    + "Run the tests through Maven: the core build installs it with npm into core/target/turso.");
        }
        try {
            Path dir = Files.createTempDirectory("pgqrs-turso");
            // Another process may take the port between our probe and tursodb's bind; then try another one.
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Process p = new ProcessBuilder(binary, dir.resolve("db.sqlite").toString(), "--sync-server", "127.0.0.1:" + port)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("server.log").toFile())
                        .start();
                TursoServer server = new TursoServer(p, port, dir);
                if (server.awaitReady(Duration.ofSeconds(20))) {
                    return server;
                }
                server.close();
                if (attempt == 3) {
                    throw new IllegalStateException("tursodb did not start; its log: " + Files.readString(dir.resolve("server.log")));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start tursodb", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Polls an empty pipeline until the server answers: it prints nothing when it is ready. */
    private boolean awaitReady(Duration limit) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/v2/pipeline"))
                        .timeout(Duration.ofSeconds(2))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"requests\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    public int port() {
        return port;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The DSN form users write; a local address means plain HTTP. */
    public String libsqlUrl() {
        return "libsql://127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteDirectory();
    }

    private void deleteDirectory() {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }
}
