package dev.pgqrs;

import dev.pgqrs.error.InvalidArgumentException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to enqueue: a JSON payload, optional string headers, and optionally a delay (relative to
 * the database clock) or an absolute delivery time. Immutable; the {@code with…} methods return copies.
 */
public record OutgoingMessage(String payload, Map<String, String> headers, Duration delay, Instant deliverAt) {

    public OutgoingMessage {
        Objects.requireNonNull(payload, "payload");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (delay != null && delay.isNegative()) {
            throw new InvalidArgumentException("A delay cannot be negative (got " + delay + "); use Duration.ZERO or none.");
        }
        if (delay != null && deliverAt != null) {
            throw new InvalidArgumentException("Set either a delay or a delivery time on a message, not both.");
        }
    }

    public static OutgoingMessage of(String jsonPayload) {
        return new OutgoingMessage(jsonPayload, Map.of(), null, null);
    }

    public OutgoingMessage withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new OutgoingMessage(payload, copy, delay, deliverAt);
    }

    public OutgoingMessage withHeaders(Map<String, String> more) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.putAll(more);
        return new OutgoingMessage(payload, copy, delay, deliverAt);
    }

    public OutgoingMessage withDelay(Duration newDelay) {
        return new OutgoingMessage(payload, headers, newDelay, null);
    }

    public OutgoingMessage withDeliverAt(Instant at) {
        return new OutgoingMessage(payload, headers, null, at);
    }
}
