package dev.pgqrs.quarkus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-message settings for an outgoing pgqrs channel, attached with
 * {@code Message.of(payload).addMetadata(PgqrsOutgoingMetadata.builder().delay(Duration.ofMinutes(5)).build())}.
 *
 * @param queue     send to this queue instead of the channel's
 * @param delay     deliver after this delay (instead of the channel's {@code delay})
 * @param deliverAt deliver at this time; exclusive with {@code delay}
 * @param headers   string headers stored with the message, e.g. a W3C {@code traceparent}
 */
public record PgqrsOutgoingMetadata(String queue, Duration delay, Instant deliverAt, Map<String, String> headers) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public PgqrsOutgoingMetadata {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (delay != null && deliverAt != null) {
            throw new IllegalArgumentException("PgqrsOutgoingMetadata: set either a delay or a delivery time, not both");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String queue;
        private Duration delay;
        private Instant deliverAt;
        private final Map<String, String> headers = new LinkedHashMap<>();

        public Builder queue(String queue) {
            this.queue = queue;
            return this;
        }

        public Builder delay(Duration delay) {
            this.delay = delay;
            return this;
        }

        public Builder deliverAt(Instant deliverAt) {
            this.deliverAt = deliverAt;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder headers(Map<String, String> more) {
            headers.putAll(more);
            return this;
        }

        /** Propagates a W3C trace context ({@code 00-<trace-id>-<span-id>-<flags>}). */
        public Builder traceparent(String traceparent) {
            return header(TRACEPARENT, traceparent);
        }

        public PgqrsOutgoingMetadata build() {
            return new PgqrsOutgoingMetadata(queue, delay, deliverAt, headers);
        }
    }
}
