package dev.pgqrs;

import dev.pgqrs.spi.MessageStore;
import dev.pgqrs.spi.QueueStore;
import dev.pgqrs.spi.Wakeups;
import dev.pgqrs.spi.WorkerStore;

/**
 * A queue database: PostgreSQL, SQLite or Turso. Obtain one with {@link Pgqrs#connect(String)} or a
 * store's builder, use {@link #admin()}, {@link #producer(String)} and {@link #consumer(String)}, and
 * close it when done. Thread-safe.
 *
 * <p>A store supplies only its SQL (the repositories below); everything else, from validation to
 * dead-letter policy and polling, lives once in the API classes built on top.
 */
public interface Store extends AutoCloseable {

    /** {@code postgres}, {@code sqlite} or {@code turso}. */
    String kind();

    /** Where the store lives, for logs and errors; never contains a password or token. */
    String describe();

    StoreCapabilities capabilities();

    default ConcurrencyModel concurrencyModel() {
        return capabilities().concurrencyModel();
    }

    QueueStore queueStore();

    MessageStore messageStore();

    WorkerStore workerStore();

    Wakeups wakeups();

    /** Checks that the database answers; throws {@link dev.pgqrs.error.StoreUnavailableException} if not. */
    void ping();

    default Admin admin() {
        return new Admin(this);
    }

    /** A producer for an existing queue; throws {@link dev.pgqrs.error.QueueNotFoundException} if it is missing. */
    default Producer producer(String queue) {
        return new Producer(this, admin().queue(queue), null);
    }

    /** A consumer for an existing queue; throws {@link dev.pgqrs.error.QueueNotFoundException} if it is missing. */
    default Consumer consumer(String queue) {
        return new Consumer(this, admin().queue(queue), null);
    }

    default Workers workers() {
        return new Workers(this);
    }

    @Override
    void close();
}
