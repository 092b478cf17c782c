package dev.pgqrs.quarkus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgqrs.error.InvalidPayloadException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Turns payloads into the JSON text pgqrs stores, and back. Strings and byte arrays become JSON
 * strings (bytes in base64, as Jackson writes them), Vert.x JSON values are written as they are,
 * anything else goes through the application's {@link ObjectMapper}.
 */
final class PayloadCodec {
    private final ObjectMapper mapper;

    PayloadCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String encode(Object payload, String queue) {
        if (payload instanceof JsonObject json) {
            return json.encode();
        }
        if (payload instanceof JsonArray json) {
            return json.encode();
        }
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("Cannot write a " + payload.getClass().getName() + " as JSON for queue '"
                    + queue + "': " + e.getOriginalMessage() + ". Make it serialisable by Jackson, or send a String.", e);
        }
    }

    /**
     * Reads stored JSON as {@code type}. Without a type, and for {@code String}, a JSON string gives its
     * text and any other JSON value its JSON text, so a String consumer can read whatever was sent.
     */
    Object decode(String json, Class<?> type, String queue) {
        try {
            if (type == null || type == String.class || type == Object.class) {
                return isJsonString(json) ? mapper.readValue(json, String.class) : json;
            }
            if (type == byte[].class) {
                return isJsonString(json) ? mapper.readValue(json, byte[].class) : json.getBytes(StandardCharsets.UTF_8);
            }
            if (type == JsonObject.class) {
                return new JsonObject(json);
            }
            if (type == JsonArray.class) {
                return new JsonArray(json);
            }
            return mapper.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new InvalidPayloadException("Cannot read a message of queue '" + queue + "' as " + type.getName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean isJsonString(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '"';
            }
        }
        return false;
    }
}
