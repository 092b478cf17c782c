package dev.pgqrs.turso;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local {@code tursodb FILE --sync-server 127.0.0.1:PORT} on a free port, for development, tests
 * and benchmarks (the Quarkus Dev Services use it too). Its log goes to {@code FILE.log}.
 */
public final class LocalTursoServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path file;

    private LocalTursoServer(Process process, int port, Path file) {
        this.process = process;
        this.port = port;
        this.file = file;
    }

    /** Starts {@code binary} serving {@code databaseFile} and returns once it answers Hrana requests. */
    public static LocalTursoServer start(Path binary, Path databaseFile) throws IOException {
        if (!Files.isExecutable(binary)) {
            throw new IOException("tursodb is not an executable file at " + binary + ". Install it with `npm install turso@0.6.0`"
                    + " (it lands in node_modules/@tursodatabase/cli-<platform>/tursodb).");
        }
        Path file = databaseFile.toAbsolutePath();
        Files.createDirectories(file.getParent());
        // Another process may take the probed port before tursodb binds it; then try another one.
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Process process = new ProcessBuilder(List.of(binary.toString(), file.toString(), "--sync-server", "127.0.0.1:" + port))
                    .redirectErrorStream(true).redirectOutput(log(file).toFile()).start();
            process.getOutputStream().close(); // tursodb never reads its input
            LocalTursoServer server = new LocalTursoServer(process, port, file);
            try {
                server.awaitReady();
                return server;
            } catch (IOException e) {
                server.close();
                if (attempt == PORT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Path log(Path file) {
        return Path.of(file + ".log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** tursodb prints nothing when it is ready: poll an empty pipeline until it answers 200. */
    private void awaitReady() throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/v2/pipeline")).timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requests\":[]}", StandardCharsets.UTF_8)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("tursodb exited with code " + process.exitValue() + " before it served " + url() + ": "
                        + logTail());
            }
            try {
                HttpResponse<String> response = client.send(ping, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = new IOException("HTTP " + response.statusCode() + ": " + response.body());
            } catch (ConnectException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for tursodb at " + url(), e);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for tursodb at " + url(), e);
            }
        }
        throw new IOException("tursodb did not answer at " + url() + "/v2/pipeline within " + READY_TIMEOUT.toSeconds() + " s"
                + (last == null ? "" : " (last: " + last.getMessage() + ")") + ": " + logTail(), last);
    }

    private String logTail() throws IOException {
        Path log = log(file);
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "";
        if (text.isEmpty()) {
            return "no output";
        }
        return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
    }

    public int port() {
        return port;
    }

    /** The server's address as a DSN ({@code http://127.0.0.1:PORT}). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path file() {
        return file;
    }

    /** The database file and what tursodb keeps beside it ({@code -wal}, {@code -shm}, the log). */
    public List<Path> files() {
        return List.of(file, Path.of(file + "-wal"), Path.of(file + "-shm"), log(file));
    }

    /** Stops the server; SIGTERM is enough, every committed write is already in the WAL. */
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
    }
}
