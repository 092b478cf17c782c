package dev.pgqrs.spi;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.QueueMetrics;
import java.util.List;
import java.util.Optional;

/**
 * The queues table of one store. Implementations hold SQL only; names and arguments arrive validated.
 */
public interface QueueStore {

    /** Inserts a queue; throws {@link dev.pgqrs.error.QueueAlreadyExistsException} when the name is taken. */
    QueueInfo create(String name, int maxReadCount);

    Optional<QueueInfo> find(String name);

    List<QueueInfo> list();

    /** @return false when the queue no longer exists */
    boolean setMaxReadCount(long queueId, int maxReadCount);

    /**
     * Deletes the queue with all its messages, atomically, unless {@code force} is false and some of
     * its messages are in flight.
     *
     * @return 0 when deleted, otherwise the number of in-flight messages that prevented it
     */
    long delete(QueueInfo queue, boolean force);

    /** Deletes every message of the queue (ready, in flight, delayed, dead and archived). */
    long purge(QueueInfo queue);

    QueueMetrics metrics(QueueInfo queue);
}
