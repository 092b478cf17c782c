package dev.pgqrs;

import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.internal.Json;
import dev.pgqrs.spi.EncodedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Enqueues messages into one queue. Thread-safe. */
public final class Producer {
    private final Store store;
    private final QueueInfo queue;
    private final Long workerId;

    Producer(Store store, QueueInfo queue, Long workerId) {
        this.store = store;
        this.queue = queue;
        this.workerId = workerId;
    }

    public QueueInfo queue() {
        return queue;
    }

    /** Enqueues one JSON payload, deliverable now; returns its id. */
    public long send(String jsonPayload) {
        return send(OutgoingMessage.of(jsonPayload));
    }

    /** Enqueues one JSON payload, deliverable after {@code delay}; returns its id. */
    public long send(String jsonPayload, Duration delay) {
        return send(OutgoingMessage.of(jsonPayload).withDelay(delay));
    }

    public long send(OutgoingMessage message) {
        return sendBatch(List.of(message)).get(0);
    }

    /**
     * Enqueues the messages in one statement: all of them or, when one is invalid or the database
     * fails, none. Returns their ids in order.
     */
    public List<Long> sendBatch(List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<EncodedMessage> encoded = encode(queue.name(), messages);
        List<Long> ids = store.messageStore().insert(queue, encoded, workerId);
        store.wakeups().published(queue.name());
        return ids;
    }

    /** Validates and encodes messages; shared with callers that write inside their own transaction. */
    public static List<EncodedMessage> encode(String queueName, List<OutgoingMessage> messages) {
        List<EncodedMessage> encoded = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage m = messages.get(i);
            if (m == null) {
                throw new InvalidArgumentException("Message " + (i + 1) + " of a batch for queue '" + queueName
                        + "' is null. Nothing was enqueued.");
            }
            Json.requireValid(m.payload(), queueName, i, messages.size());
            String headers = Json.encodeHeaders(m.headers(), queueName);
            long delay = m.delay() == null ? 0 : m.delay().toMillis();
            encoded.add(new EncodedMessage(m.payload(), headers, delay, m.deliverAt()));
        }
        return encoded;
    }
}
