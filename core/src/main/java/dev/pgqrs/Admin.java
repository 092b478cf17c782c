package dev.pgqrs;

import dev.pgqrs.error.QueueInUseException;
import dev.pgqrs.error.QueueNotFoundException;
import dev.pgqrs.internal.Durations;
import dev.pgqrs.internal.Names;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Queue management, dead letters, metrics and retention. */
public final class Admin {

    /** The max read count of a queue created without one (as upstream pgqrs). */
    public static final int DEFAULT_MAX_READ_COUNT = 5;

    private final Store store;

    Admin(Store store) {
        this.store = store;
    }

    public QueueInfo createQueue(String name) {
        return createQueue(name, DEFAULT_MAX_READ_COUNT);
    }

    /** Creates a queue; throws {@link dev.pgqrs.error.QueueAlreadyExistsException} when it exists. */
    public QueueInfo createQueue(String name, int maxReadCount) {
        Names.requireQueueName(name);
        Durations.requireMaxReadCount(maxReadCount, name);
        return store.queueStore().create(name, maxReadCount);
    }

    public QueueInfo createQueueIfNotExists(String name) {
        return createQueueIfNotExists(name, DEFAULT_MAX_READ_COUNT);
    }

    /**
     * Returns the queue, creating it with {@code maxReadCount} when missing. An existing queue keeps its
     * own policy; change it with {@link #setMaxReadCount}.
     */
    public QueueInfo createQueueIfNotExists(String name, int maxReadCount) {
        Names.requireQueueName(name);
        Durations.requireMaxReadCount(maxReadCount, name);
        Optional<QueueInfo> existing = store.queueStore().find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return store.queueStore().create(name, maxReadCount);
        } catch (dev.pgqrs.error.QueueAlreadyExistsException raced) {
            // Another process created it between our look-up and insert: theirs is as good as ours.
            return queue(name);
        }
    }

    /** The queue, or {@link QueueNotFoundException}. */
    public QueueInfo queue(String name) {
        Names.requireQueueName(name);
        return store.queueStore().find(name).orElseThrow(() -> new QueueNotFoundException(name));
    }

    public Optional<QueueInfo> findQueue(String name) {
        Names.requireQueueName(name);
        return store.queueStore().find(name);
    }

    public List<QueueInfo> listQueues() {
        return store.queueStore().list();
    }

    public QueueInfo setMaxReadCount(String name, int maxReadCount) {
        QueueInfo q = queue(name);
        Durations.requireMaxReadCount(maxReadCount, name);
        if (!store.queueStore().setMaxReadCount(q.id(), maxReadCount)) {
            throw new QueueNotFoundException(name);
        }
        return queue(name);
    }

    /** Deletes an idle queue with its messages; refuses with {@link QueueInUseException} while messages are in flight. */
    public void deleteQueue(String name) {
        deleteQueue(name, false);
    }

    public void deleteQueue(String name, boolean force) {
        QueueInfo q = queue(name);
        long blocking = store.queueStore().delete(q, force);
        if (blocking > 0) {
            throw new QueueInUseException(name, blocking);
        }
    }

    /** Deletes every message of the queue and keeps the queue. */
    public long purgeQueue(String name) {
        return store.queueStore().purge(queue(name));
    }

    public QueueMetrics metrics(String name) {
        return store.queueStore().metrics(queue(name));
    }

    /** The first {@code limit} dead letters of the queue, oldest first. */
    public List<DeadLetter> deadLetters(String name, int limit) {
        return deadLetters(name, 0, limit);
    }

    /** Dead letters with an id above {@code afterId}, for paging. */
    public List<DeadLetter> deadLetters(String name, long afterId, int limit) {
        Durations.requireBatchSize(limit, name);
        return store.messageStore().deadLetters(queue(name), afterId, limit);
    }

    /** Puts the given dead letters back in the queue, ready now, with their read count reset. */
    public long replayDeadLetters(String name, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        long n = store.messageStore().replayDeadLetters(queue(name), ids);
        store.wakeups().published(name);
        return n;
    }

    /** Puts every dead letter of the queue back, ready now, with its read count reset. */
    public long replayAllDeadLetters(String name) {
        long n = store.messageStore().replayDeadLetters(queue(name), List.of());
        store.wakeups().published(name);
        return n;
    }

    public long purgeDeadLetters(String name) {
        return store.messageStore().purgeDeadLetters(queue(name));
    }

    /** Deletes archived messages of the queue acknowledged more than {@code olderThan} ago. */
    public long purgeArchive(String name, Duration olderThan) {
        Durations.requireNotNegative(olderThan, "archive retention", name);
        return store.messageStore().purgeArchive(queue(name), olderThan);
    }

    /** Deletes archived messages of every queue acknowledged more than {@code olderThan} ago. */
    public long purgeArchive(Duration olderThan) {
        Durations.requireNotNegative(olderThan, "archive retention", "*");
        return store.messageStore().purgeArchive(null, olderThan);
    }

    public StoreCapabilities capabilities() {
        return store.capabilities();
    }
}
