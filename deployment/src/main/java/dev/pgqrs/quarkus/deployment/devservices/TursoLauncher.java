package dev.pgqrs.quarkus.deployment.devservices;

import java.io.IOException;
import java.net.ConnectException;
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

/** {@code tursodb FILE --sync-server 127.0.0.1:PORT}, serving a database file under the build directory over HTTP. */
final class TursoLauncher implements StoreLauncher {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final Path file;
    private final boolean throwaway;

    TursoLauncher(Path binary, Path file, boolean throwaway) {
        this.binary = binary;
        this.file = file.toAbsolutePath();
        this.throwaway = throwaway;
    }

    @Override
    public RunningStore start() throws IOException {
        Files.createDirectories(file.getParent());
        if (throwaway) {
            deleteFiles();
        }
        int port = freePort();
        Path log = Path.of(file + ".log");
        Process process = new ProcessBuilder(List.of(binary.toString(), file.toString(), "--sync-server", "127.0.0.1:" + port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // tursodb prints nothing when it is ready and never reads its input.
        process.getOutputStream().close();
        String url = "http://127.0.0.1:" + port;
        try {
            awaitReady(process, url, log);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
        AutoCloseable stopper = () -> {
            stop(process);
            if (throwaway) {
                deleteFiles();
            }
        };
        return new RunningStore(url, "tursodb " + binary + " serving " + file + " on port " + port + " (pid " + process.pid()
                + ", log " + log + ")", stopper);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls the Hrana endpoint with an empty pipeline until it answers 200. */
    private static void awaitReady(Process process, String url, Path log) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url + "/v2/pipeline")).timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requests\":[]}", StandardCharsets.UTF_8)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("tursodb exited with code " + process.exitValue() + " before it served " + url + ": "
                        + tail(log));
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
                throw new IOException("Interrupted while waiting for tursodb at " + url, e);
            }
            sleep(50);
        }
        throw new IOException("tursodb did not answer at " + url + "/v2/pipeline within " + READY_TIMEOUT.toSeconds() + " s"
                + (last == null ? "" : " (last: " + last.getMessage() + ")") + ": " + tail(log), last);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for tursodb", e);
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8).strip() : "";
        if (text.isEmpty()) {
            return "no output";
        }
        return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
    }

    /** SIGTERM is enough: every committed write is already in the WAL. */
    private static void stop(Process process) throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while stopping tursodb (pid " + process.pid() + ")", e);
        }
    }

    private void deleteFiles() throws IOException {
        for (String suffix : new String[] { "", "-wal", "-shm", ".log" }) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
