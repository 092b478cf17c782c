package dev.pgqrs.turso;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgqrs.error.StoreAuthenticationException;
import dev.pgqrs.error.StoreException;
import dev.pgqrs.error.StoreUnavailableException;
import dev.pgqrs.internal.Json;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.SqlExecutor;
import dev.pgqrs.internal.Stmt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A minimal Hrana-over-HTTP client: each call is one {@code POST …/pipeline} holding one
 * {@code execute} or one {@code batch} request. Nothing is ever retried: a request whose answer did
 * not arrive may have been committed, and sending it again could enqueue or claim twice. Such
 * failures surface as {@link StoreUnavailableException} saying that the outcome is unknown.
 *
 * <p>Transactions are always a single batch ({@code BEGIN IMMEDIATE}, the statements, {@code COMMIT})
 * with step conditions, because tursodb serves every client from one shared connection: a
 * transaction left open between two requests would be shared with (and could be rolled back by)
 * another client.
 */
final class HranaClient implements SqlExecutor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String UNKNOWN = "If this was a write it may or may not have been committed; pgqrs did not retry it, "
            + "so it cannot have been applied twice.";

    private final HttpClient http;
    private final URI base;
    private final String authToken;
    private final boolean tokenFromDsn;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String description;
    private volatile URI pipeline;
    private volatile boolean closeStreams;

    HranaClient(TursoUrl url, Duration connectTimeout, Duration requestTimeout) {
        this.base = url.baseUri();
        this.authToken = url.authToken();
        this.tokenFromDsn = url.tokenFromDsn();
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.description = url.describe();
        this.pipeline = base.resolve(pathPrefix() + "v2/pipeline");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    String description() {
        return description;
    }

    /** The Hrana protocol version in use, 2 or 3. */
    int protocolVersion() {
        return pipeline.getPath().endsWith("v3/pipeline") ? 3 : 2;
    }

    /**
     * Uses Hrana 3 when the server offers it, else 2 (tursodb serves only v2). A v3 server keeps a
     * stream per pipeline, so then each pipeline ends with {@code close}; tursodb rejects
     * {@code close}, so it is only sent to v3 servers.
     */
    void negotiate() {
        URI v3 = base.resolve(pathPrefix() + "v3/pipeline");
        HttpResponse<String> response = send("connect", v3, "{\"baton\":null,\"requests\":[]}");
        if (response.statusCode() == 200) {
            pipeline = v3;
            closeStreams = true;
        } else if (response.statusCode() == 404 || response.statusCode() == 405) {
            // v2 only: check that it answers too, so a wrong URL or token fails here with a clear error.
            results("connect", "{\"baton\":null,\"requests\":[]}", 0);
        } else {
            throw statusError("connect", response);
        }
    }

    private String pathPrefix() {
        String path = base.getPath();
        return path == null || path.isEmpty() ? "/" : path.endsWith("/") ? path : path + "/";
    }

    @Override
    public Rows query(String operation, Stmt statement) {
        return execute(operation, statement);
    }

    @Override
    public Rows write(String operation, Stmt statement) {
        return execute(operation, statement);
    }

    /** The servers report no row counts, so {@code changes()} reads it in the same transaction: still one request. */
    @Override
    public long update(String operation, Stmt statement) {
        return transaction(operation, List.of(statement, Stmt.of("SELECT changes()"))).get(1).getLong(0, 0);
    }

    /** Runs one statement on its own (SQLite auto-commit: the statement is atomic). */
    Rows execute(String operation, Stmt stmt) {
        ObjectNode request = NODES.objectNode().put("type", "execute");
        request.set("stmt", encode(stmt));
        JsonNode result = results(operation, body(request), 1).get(0);
        JsonNode response = ok(operation, result);
        return decodeRows(operation, response.path("result"));
    }

    /**
     * Runs the statements as one transaction in one request: all of them or none. Throws
     * {@link HranaSqlException} (after the server rolled back) when a statement fails.
     */
    @Override
    public List<Rows> transaction(String operation, List<Stmt> statements) {
        int n = statements.size();
        int commit = n + 1;
        ArrayNode steps = NODES.arrayNode();
        steps.add(step("BEGIN IMMEDIATE", null));
        for (int i = 0; i < n; i++) {
            ObjectNode s = NODES.objectNode();
            s.set("condition", okCondition(i));
            s.set("stmt", encode(statements.get(i)));
            steps.add(s);
        }
        steps.add(step("COMMIT", okCondition(n)));
        // Roll back only a transaction this batch began: if BEGIN failed, another one is open and is not ours.
        ObjectNode rollbackCondition = NODES.objectNode().put("type", "and");
        rollbackCondition.putArray("conds").add(okCondition(0))
                .add(NODES.objectNode().put("type", "not").set("cond", okCondition(commit)));
        steps.add(step("ROLLBACK", rollbackCondition));
        ObjectNode request = NODES.objectNode().put("type", "batch");
        request.putObject("batch").set("steps", steps);

        JsonNode result = ok(operation, results(operation, body(request), 1).get(0)).path("result");
        JsonNode stepResults = result.path("step_results");
        JsonNode stepErrors = result.path("step_errors");
        if (!stepResults.isArray() || !stepErrors.isArray() || stepResults.size() != n + 3 || stepErrors.size() != n + 3) {
            throw malformed(operation, "a batch result without one result and one error per step");
        }
        for (int i = 0; i <= commit; i++) {
            JsonNode error = stepErrors.get(i);
            if (!error.isNull()) {
                String what = i == 0 ? "could not start a transaction" : i == commit ? "could not commit" : "statement " + i + " failed";
                String rollback = stepErrors.get(commit + 1).isNull() ? "" : " (rollback failed too: "
                        + stepErrors.get(commit + 1).path("message").asText() + ")";
                String message = error.path("message").asText();
                throw new HranaSqlException("Could not " + operation + " in " + description + ": " + what + ": " + message
                        + ". Nothing of it was committed" + rollback + ".", message);
            }
        }
        if (stepResults.get(commit).isNull()) {
            throw malformed(operation, "a batch whose COMMIT step neither ran nor failed");
        }
        List<Rows> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(decodeRows(operation, stepResults.get(i)));
        }
        return out;
    }

    private static ObjectNode step(String sql, JsonNode condition) {
        ObjectNode s = NODES.objectNode();
        if (condition != null) {
            s.set("condition", condition);
        }
        s.putObject("stmt").put("sql", sql).put("want_rows", false);
        return s;
    }

    private static ObjectNode okCondition(int step) {
        return NODES.objectNode().put("type", "ok").put("step", step);
    }

    private String body(ObjectNode request) {
        ObjectNode body = NODES.objectNode();
        body.putNull("baton");
        ArrayNode requests = body.putArray("requests");
        requests.add(request);
        if (closeStreams) {
            requests.add(NODES.objectNode().put("type", "close"));
        }
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a Hrana request", e);
        }
    }

    private static ObjectNode encode(Stmt stmt) {
        ObjectNode s = NODES.objectNode().put("sql", stmt.sql()).put("want_rows", true);
        ArrayNode args = s.putArray("args");
        for (Object arg : stmt.args()) {
            args.add(encodeValue(arg));
        }
        return s;
    }

    static ObjectNode encodeValue(Object v) {
        ObjectNode node = NODES.objectNode();
        if (v == null) {
            return node.put("type", "null");
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            // Integers travel as decimal strings: JSON numbers lose precision above 2^53.
            return node.put("type", "integer").put("value", v.toString());
        }
        if (v instanceof Boolean b) {
            return node.put("type", "integer").put("value", b ? "1" : "0");
        }
        if (v instanceof Double || v instanceof Float) {
            return node.put("type", "float").put("value", ((Number) v).doubleValue());
        }
        if (v instanceof String s) {
            return node.put("type", "text").put("value", s);
        }
        if (v instanceof byte[] bytes) {
            return node.put("type", "blob").put("base64", Base64.getEncoder().encodeToString(bytes));
        }
        throw new IllegalArgumentException("Cannot send a " + v.getClass().getName() + " to a Hrana server");
    }

    static Object decodeValue(JsonNode v) {
        String type = v.path("type").asText();
        switch (type) {
            case "null":
                return null;
            case "integer":
                return Long.parseLong(v.path("value").asText());
            case "float":
                return v.path("value").isNull() ? null : v.path("value").asDouble();
            case "text":
                return v.path("value").asText();
            case "blob":
                return Base64.getDecoder().decode(v.path("base64").asText());
            default:
                throw new IllegalArgumentException("unknown value type '" + type + "'");
        }
    }

    private Rows decodeRows(String operation, JsonNode result) {
        if (result == null || result.isNull() || result.isMissingNode()) {
            return Rows.NONE;
        }
        JsonNode cols = result.path("cols");
        JsonNode rows = result.path("rows");
        if (!cols.isArray() || !rows.isArray()) {
            throw malformed(operation, "a statement result without cols and rows");
        }
        List<String> columns = new ArrayList<>(cols.size());
        cols.forEach(c -> columns.add(c.path("name").asText()));
        List<List<Object>> out = new ArrayList<>(rows.size());
        try {
            for (JsonNode row : rows) {
                List<Object> values = new ArrayList<>(row.size());
                row.forEach(v -> values.add(decodeValue(v)));
                out.add(values);
            }
        } catch (IllegalArgumentException e) {
            throw malformed(operation, "a value it could not decode (" + e.getMessage() + ")");
        }
        return new Rows(columns, out);
    }

    /** The answer to one request: its response, or the SQL error it reports. */
    private JsonNode ok(String operation, JsonNode result) {
        String type = result.path("type").asText();
        if ("ok".equals(type)) {
            return result.path("response");
        }
        if ("error".equals(type)) {
            String message = result.path("error").path("message").asText();
            throw new HranaSqlException("Could not " + operation + " in " + description + ": " + message
                    + " [" + result.path("error").path("code").asText() + "]", message);
        }
        throw malformed(operation, "a result of unknown type '" + type + "'");
    }

    /** Posts one pipeline and returns its results, checking there are at least {@code expected}. */
    private List<JsonNode> results(String operation, String body, int expected) {
        HttpResponse<String> response = send(operation, pipeline, body);
        if (response.statusCode() != 200) {
            throw statusError(operation, response);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw malformed(operation, "a body that is not JSON (" + snippet(response.body()) + ")");
        }
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray() || results.size() < expected) {
            throw malformed(operation, "no result for the request (" + snippet(response.body()) + ")");
        }
        List<JsonNode> out = new ArrayList<>(results.size());
        results.forEach(out::add);
        return out;
    }

    private HttpResponse<String> send(String operation, URI uri, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authToken != null) {
            request.header("Authorization", "Bearer " + authToken);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new StoreUnavailableException("Cannot " + operation + ": " + description + " did not accept a connection within "
                    + connectTimeout.toMillis() + " ms. Nothing was sent, so nothing was written. Check that the server is running and the URL is right.", e);
        } catch (ConnectException e) {
            throw new StoreUnavailableException("Cannot " + operation + ": no connection to " + description + " (" + e
                    + "). Nothing was sent, so nothing was written. Check that the server is running and the URL is right.", e);
        } catch (HttpTimeoutException e) {
            throw new StoreUnavailableException("Cannot " + operation + ": " + description + " did not answer within "
                    + requestTimeout.toMillis() + " ms (raise it with TursoStore.builder().requestTimeout(…)). " + UNKNOWN, e);
        } catch (IOException e) {
            throw new StoreUnavailableException("Cannot " + operation + ": the connection to " + description + " failed (" + e
                    + "). " + UNKNOWN, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while waiting to " + operation + " in " + description + ". " + UNKNOWN, e);
        }
    }

    private RuntimeException statusError(String operation, HttpResponse<String> response) {
        int status = response.statusCode();
        String answer = "HTTP " + status + " (" + snippet(response.body()) + ")";
        if (status == 401 || status == 403) {
            String sent = authToken == null
                    ? "No auth token was sent"
                    : "The auth token " + (tokenFromDsn ? "from the DSN's ?authToken= parameter" : "set with TursoStore.builder().authToken(…)")
                            + " was refused";
            return new StoreAuthenticationException("Cannot " + operation + ": " + description + " answered " + answer + ". " + sent
                    + ". Set a valid token with ?authToken=<token> in the DSN (libsql://host?authToken=…) or "
                    + "TursoStore.builder().authToken(…); for Turso Cloud, create one with `turso db tokens create <db>`.");
        }
        if (status == 404) {
            return new StoreException("Cannot " + operation + ": " + description + " answered " + answer + " for " + response.uri()
                    + ". Point the DSN at a Turso or libSQL server (tursodb --sync-server, sqld or Turso Cloud); nothing was run.");
        }
        if (status == 502 || status == 503 || status == 504) {
            return new StoreUnavailableException("Cannot " + operation + ": " + description + " answered " + answer
                    + "; the server or a proxy in front of it is unavailable. " + UNKNOWN);
        }
        return new StoreException("Cannot " + operation + ": " + description + " answered " + answer
                + ". The server refused the request; it was not retried.");
    }

    private StoreException malformed(String operation, String what) {
        return new StoreException("Cannot " + operation + ": " + description + " sent " + what
                + ", which is not a Hrana answer. Check that the URL points at a Turso or libSQL server and not at a proxy page. "
                + UNKNOWN);
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "empty body";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
