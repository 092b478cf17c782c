package dev.pgqrs.quarkus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Store;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends messages to pgqrs queues from application code, synchronously on the calling thread (a
 * blocking call: never on an event loop). Payloads are written as JSON like an outgoing channel's.
 * Missing queues are created.
 *
 * <p>With {@code quarkus.pgqrs.datasource}, a send inside a JTA transaction ({@code @Transactional},
 * {@code QuarkusTransaction}) is written in that transaction: it is delivered only if the transaction
 * commits. Without a shared datasource, or outside a transaction, each send commits on its own.
 */
@ApplicationScoped
public class PgqrsProducer {

    @Inject
    Store store;

    @Inject
    Instance<ObjectMapper> objectMapper;

    @Inject
    Instance<PgqrsTransactions> transactions;

    private PayloadCodec codec;
    private QueueWriter writes;

    @PostConstruct
    void init() {
        codec = new PayloadCodec(objectMapper.isResolvable() ? objectMapper.get() : new ObjectMapper().findAndRegisterModules());
        writes = new QueueWriter(store, transactions.isResolvable() ? transactions.get() : null, true);
    }

    /** Sends one payload to {@code queue}; returns the message id. */
    public long send(String queue, Object payload) {
        return send(queue, payload, null);
    }

    /**
     * Sends one payload with per-message settings (headers, a delay or a delivery time; the metadata's
     * {@code queue}, when set, wins over {@code queue}). Returns the message id.
     */
    public long send(String queue, Object payload, PgqrsOutgoingMetadata metadata) {
        String target = metadata != null && metadata.queue() != null ? metadata.queue() : queue;
        return writes.write(target, List.of(message(payload, metadata, target))).get(0);
    }

    /** Sends the payloads in one statement, all or none; returns their ids in order. */
    public List<Long> sendBatch(String queue, List<?> payloads) {
        List<OutgoingMessage> messages = new ArrayList<>(payloads.size());
        for (Object p : payloads) {
            messages.add(message(p, null, queue));
        }
        return writes.write(queue, messages);
    }

    /** True when a send from this thread, now, would be written in the caller's transaction. */
    public boolean joinsTransaction() {
        return writes.joinsTransaction();
    }

    private OutgoingMessage message(Object payload, PgqrsOutgoingMetadata metadata, String queue) {
        if (payload == null) {
            throw new dev.pgqrs.error.InvalidArgumentException("A null payload cannot be sent to queue '" + queue
                    + "': pgqrs stores a JSON value per message. Send an object, a string or a number.");
        }
        return QueueWriter.outgoing(codec.encode(payload, queue), metadata, Map.of(), Duration.ZERO);
    }
}
