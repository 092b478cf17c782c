package dev.pgqrs.turso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP front for tursodb that can demand a bearer token (as Turso Cloud does) and misbehave
 * on purpose: answer with a status of its choice, send a body that is not Hrana, answer late, or
 * drop the connection after the server has run the request.
 */
final class HttpFront implements AutoCloseable {

    enum Mode {
        /** Pass requests through. */
        FORWARD,
        /** Answer {@link #status} with {@link #body} without forwarding. */
        ANSWER,
        /** Forward, then answer {@link #status} with {@link #body} instead of the server's answer. */
        FORWARD_THEN_ANSWER,
        /** Forward, then wait {@link #delay} before passing the answer on. */
        FORWARD_THEN_DELAY,
        /** Forward, then close the connection without answering. */
        FORWARD_THEN_DROP
    }

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    volatile Mode mode = Mode.FORWARD;
    volatile String requiredToken;
    volatile int status = 500;
    volatile String body = "";
    volatile Duration delay = Duration.ofSeconds(2);

    HttpFront(String targetBaseUrl) throws IOException {
        this.target = targetBaseUrl;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void resetCounts() {
        forwarded.set(0);
        received.set(0);
    }

    /** Requests that reached tursodb. */
    int forwarded() {
        return forwarded.get();
    }

    /** Requests that reached the front. */
    int received() {
        return received.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        received.incrementAndGet();
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String token = requiredToken;
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "{\"error\":\"Unauthorized: invalid or missing token\"}");
                return;
            }
            Mode m = mode;
            if (m == Mode.ANSWER) {
                reply(exchange, status, body);
                return;
            }
            HttpResponse<String> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().getPath()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofString());
                forwarded.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            switch (m) {
                case FORWARD_THEN_ANSWER -> reply(exchange, status, body);
                case FORWARD_THEN_DROP -> {
                    // Closing the exchange before any header is sent drops the connection without an answer.
                }
                case FORWARD_THEN_DELAY -> {
                    sleep(delay);
                    reply(exchange, answer.statusCode(), answer.body());
                }
                default -> reply(exchange, answer.statusCode(), answer.body());
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
