package dev.pgqrs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw loop on Turso: the Hrana HTTP protocol by hand. Produce sends one multi-row INSERT of B rows
 * per request; consume one DELETE … RETURNING of up to B rows per request. Each request is one
 * autocommit statement, as in the JDBC loops.
 */
public final class RawTurso implements Raw {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI pipeline;

    public RawTurso(String url) {
        this.pipeline = URI.create(url + "/v2/pipeline");
    }

    @Override
    public void prepare() throws IOException, InterruptedException {
        execute("DROP TABLE IF EXISTS bench_raw", List.of());
        execute("CREATE TABLE bench_raw (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL)", List.of());
    }

    @Override
    public double produce(int n, int batch) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int sent = 0; sent < n; ) {
            int size = Math.min(batch, n - sent);
            StringBuilder sql = new StringBuilder("INSERT INTO bench_raw (payload) VALUES ");
            List<String> args = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                sql.append(i == 0 ? "(?)" : ",(?)");
                args.add(Payloads.json(sent + i, System.nanoTime()));
            }
            execute(sql.toString(), args);
            sent += size;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public double consume(int n, int batch, int consumers) throws Exception {
        AtomicLong done = new AtomicLong();
        String sql = "DELETE FROM bench_raw WHERE id IN (SELECT id FROM bench_raw ORDER BY id LIMIT " + batch + ") RETURNING id, payload";
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < consumers; t++) {
            tasks.add(() -> {
                while (done.get() < n) {
                    JsonNode result = execute(sql, List.of());
                    done.addAndGet(result == null ? 0 : result.path("rows").size());
                }
                return null;
            });
        }
        long start = System.nanoTime();
        CoreScenarios.runAll(tasks);
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** One execute request; returns its result, or null when the database was busy (the caller tries again). */
    private JsonNode execute(String sql, List<String> args) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putNull("baton");
        ArrayNode requests = body.putArray("requests");
        ObjectNode stmt = requests.addObject().put("type", "execute").putObject("stmt");
        stmt.put("sql", sql);
        ArrayNode a = stmt.putArray("args");
        for (String v : args) {
            a.addObject().put("type", "text").put("value", v);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(pipeline).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("tursodb answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode r = JSON.readTree(response.body()).path("results").path(0);
        if (!"ok".equals(r.path("type").asText())) {
            String message = r.path("error").path("message").asText();
            if (message.toLowerCase().contains("busy") || message.toLowerCase().contains("locked")) {
                return null;
            }
            throw new IOException("tursodb error for " + sql.substring(0, Math.min(60, sql.length())) + ": " + message);
        }
        return r.path("response").path("result");
    }
}
