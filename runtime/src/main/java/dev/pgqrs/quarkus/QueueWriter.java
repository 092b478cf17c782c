package dev.pgqrs.quarkus;

import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Producer;
import dev.pgqrs.Store;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes messages into queues on the calling thread. When the thread is inside a transaction that
 * pgqrs can join (a shared datasource), the insert runs in it: it commits or rolls back with the
 * caller's work, consumers in this JVM are woken only after the commit, and a failed insert marks
 * the transaction rollback-only. Otherwise each call is its own transaction.
 */
final class QueueWriter {
    private final Store store;
    private final PgqrsTransactions transactions;
    private final boolean autoCreate;
    private final Map<String, Producer> producers = new ConcurrentHashMap<>();

    /** @param transactions null when writes never join a caller's transaction */
    QueueWriter(Store store, PgqrsTransactions transactions, boolean autoCreate) {
        this.store = store;
        this.transactions = transactions;
        this.autoCreate = autoCreate;
    }

    /** True when a write on this thread, now, would join the caller's transaction. */
    boolean joinsTransaction() {
        return transactions != null && transactions.joinable();
    }

    /** Writes the messages in one statement; returns their ids in order. */
    List<Long> write(String queue, List<OutgoingMessage> messages) {
        boolean joined = joinsTransaction();
        Producer producer = producer(queue, joined);
        if (!joined) {
            return producer.sendBatch(messages);
        }
        var encoded = Producer.encode(queue, messages);
        try {
            List<Long> ids = store.messageStore().insert(producer.queue(), encoded, null);
            // Before the commit a consumer would find nothing; PostgreSQL's NOTIFY is likewise delivered at commit.
            transactions.afterCommit(() -> store.wakeups().published(queue));
            return ids;
        } catch (RuntimeException e) {
            // The business data of this transaction must not commit without its message.
            transactions.setRollbackOnly();
            throw e;
        }
    }

    private Producer producer(String queue, boolean joined) {
        Producer cached = producers.get(queue);
        if (cached != null) {
            return cached;
        }
        if (autoCreate && !joined) {
            store.admin().createQueueIfNotExists(queue);
        } else if (autoCreate && store.capabilities().supportsMultiProcess()) {
            // In PostgreSQL a creation race would abort the caller's transaction, so the queue is created in one
            // of its own; it outlives a rolled-back send.
            transactions.inNewTransaction(() -> store.admin().createQueueIfNotExists(queue));
        } else if (autoCreate && store.admin().findQueue(queue).isEmpty()) {
            // A single-process store (SQLite) serialises writers: the queue is created in the caller's transaction,
            // which already holds the write lock a second transaction would wait for. A rollback removes it again,
            // so it is remembered only once that transaction has committed.
            store.admin().createQueueIfNotExists(queue);
            Producer created = store.producer(queue);
            transactions.afterCommit(() -> producers.putIfAbsent(queue, created));
            return created;
        }
        Producer p = store.producer(queue);
        producers.put(queue, p);
        return p;
    }

    /** One outgoing message: its JSON, the headers it inherits, then what its metadata asks for. */
    static OutgoingMessage outgoing(String json, PgqrsOutgoingMetadata meta, Map<String, String> inherited, Duration defaultDelay) {
        Map<String, String> headers = new LinkedHashMap<>(inherited);
        OutgoingMessage out = OutgoingMessage.of(json);
        if (meta != null) {
            headers.putAll(meta.headers());
        }
        if (meta != null && meta.deliverAt() != null) {
            out = out.withDeliverAt(meta.deliverAt());
        } else if (meta != null && meta.delay() != null) {
            out = out.withDelay(meta.delay());
        } else if (!defaultDelay.isZero()) {
            out = out.withDelay(defaultDelay);
        }
        return out.withHeaders(headers);
    }
}
