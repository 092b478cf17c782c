package dev.pgqrs.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgqrs.error.InvalidPayloadException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON checks and the header codec, shared by every store. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private Json() {
    }

    /**
     * Checks that {@code text} is exactly one JSON value, by streaming over it (no tree is built, so
     * this costs little on the hot path).
     */
    public static void requireValid(String text, String queue, int index, int batchSize) {
        String where = batchSize > 1 ? "message " + (index + 1) + " of a batch of " + batchSize : "the message";
        if (text == null) {
            throw new InvalidPayloadException("The payload of " + where + " for queue '" + queue
                    + "' is null. Send JSON text; use \"null\" for a JSON null. Nothing was enqueued.");
        }
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidPayloadException("The payload of " + where + " for queue '" + queue
                        + "' is empty. Send a JSON value (object, array, string, number, boolean or null). Nothing was enqueued.");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new InvalidPayloadException("The payload of " + where + " for queue '" + queue
                        + "' has text after its JSON value. Send exactly one JSON value. Nothing was enqueued.");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("The payload of " + where + " for queue '" + queue
                    + "' is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "). Serialise it as JSON first. Nothing was enqueued.", e);
        } catch (IOException e) {
            throw new InvalidPayloadException("Could not read the payload of " + where + " for queue '" + queue + "'.", e);
        }
    }

    /** Encodes headers as a JSON object, or null when there are none. */
    public static String encodeHeaders(Map<String, String> headers, String queue) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new InvalidPayloadException("Header " + e.getKey() + "=" + e.getValue() + " of a message for queue '"
                        + queue + "' is not allowed: header names must be non-empty and values non-null. Nothing was enqueued.");
            }
        }
        try {
            return MAPPER.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("Could not encode the headers of a message for queue '" + queue + "'.", e);
        }
    }

    /**
     * Decodes a stored header object. Values that are not strings (written by another program) are
     * kept as their JSON text rather than dropped.
     */
    public static Map<String, String> decodeHeaders(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            try {
                Map<String, String> out = new LinkedHashMap<>();
                MAPPER.readTree(json).fields().forEachRemaining(f -> out.put(f.getKey(),
                        f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
                return out;
            } catch (JsonProcessingException again) {
                throw new InvalidPayloadException("Stored headers are not a JSON object: " + json, again);
            }
        }
    }
}
