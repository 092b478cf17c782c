package dev.pgqrs;

import dev.pgqrs.error.LeaseLostException;
import dev.pgqrs.internal.Backoff;
import dev.pgqrs.internal.Durations;
import dev.pgqrs.spi.AckedClaim;
import dev.pgqrs.spi.Wakeups;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims messages from one queue and settles them. Every settlement presents the message's
 * {@link Receipt}; one whose lease was lost is refused ({@link LeaseLostException} for single calls,
 * the {@code lost} set of a batch result). Thread-safe; close it to stop listening for wake-ups.
 */
public final class Consumer implements AutoCloseable {

    /** Reason recorded when a message's lease expired on its last allowed delivery. */
    public static final String EXPIRED_REASON =
            "max read count reached: the visibility timeout of the last allowed delivery expired without an ack";

    private static final Duration MIN_POLL_WAIT = Duration.ofMillis(20);

    private final Store store;
    private final QueueInfo queue;
    private final Long workerId;
    private final Object signal = new Object();
    private boolean signaled;
    private Wakeups.Subscription subscription;
    private volatile Duration pollInterval = Duration.ofSeconds(1);
    /** Kept across receive calls, so a caller that waits in short slices still settles at one poll per interval. */
    private Backoff idle;

    Consumer(Store store, QueueInfo queue, Long workerId) {
        this.store = store;
        this.queue = queue;
        this.workerId = workerId;
    }

    public QueueInfo queue() {
        return queue;
    }

    /** The longest wait between two polls of an idle queue when no wake-up arrives. Default one second. */
    public Consumer pollInterval(Duration interval) {
        this.pollInterval = Durations.requirePositive(interval, "poll interval", queue.name());
        synchronized (signal) {
            idle = null;
        }
        return this;
    }

    /** Claims up to {@code max} ready messages now, each invisible to others for {@code visibility}. */
    public List<Message> receive(int max, Duration visibility) {
        Durations.requireBatchSize(max, queue.name());
        Durations.requirePositive(visibility, "visibility timeout", queue.name());
        return store.messageStore().claim(queue, max, visibility, workerId, EXPIRED_REASON);
    }

    /**
     * Claims up to {@code max} messages, waiting up to {@code maxWait} for some to arrive. Wakes at
     * once on an enqueue (in this process, or in any process where the store supports it) and
     * otherwise polls with a backoff up to the poll interval. Returns an empty list on timeout.
     */
    public List<Message> receive(int max, Duration visibility, Duration maxWait) throws InterruptedException {
        return ackAndReceive(List.of(), AckMode.ARCHIVE, max, visibility, maxWait).messages();
    }

    /**
     * Acknowledges {@code acks} and claims up to {@code max} more, committed together: one statement on
     * PostgreSQL, one transaction on SQLite and Turso. A loop that settles each batch as it asks for the
     * next pays one commit per batch where {@link #ackAll} then {@link #receive} pay two. All or
     * nothing: when it throws, no acknowledgement was recorded either.
     */
    public AckedAndReceived ackAndReceive(Collection<Receipt> acks, AckMode mode, int max, Duration visibility) {
        Durations.requireBatchSize(max, queue.name());
        Durations.requirePositive(visibility, "visibility timeout", queue.name());
        return ackAndClaim(acks, mode, max, visibility);
    }

    private AckedAndReceived ackAndClaim(Collection<Receipt> acks, AckMode mode, int max, Duration visibility) {
        if (acks.isEmpty()) {
            return new AckedAndReceived(split(acks, Set.of()),
                    store.messageStore().claim(queue, max, visibility, workerId, EXPIRED_REASON));
        }
        AckedClaim result = store.messageStore().ackAndClaim(queue, acks, mode, max, visibility, workerId, EXPIRED_REASON);
        return new AckedAndReceived(split(acks, result.acked()), result.claimed());
    }

    /**
     * As {@link #ackAndReceive(Collection, AckMode, int, Duration)}, then, when nothing was ready,
     * waits up to {@code maxWait} for messages as {@link #receive(int, Duration, Duration)} does.
     */
    public AckedAndReceived ackAndReceive(Collection<Receipt> acks, AckMode mode, int max, Duration visibility,
            Duration maxWait) throws InterruptedException {
        Durations.requireBatchSize(max, queue.name());
        Durations.requirePositive(visibility, "visibility timeout", queue.name());
        Durations.requireNotNegative(maxWait, "wait", queue.name());
        listen();
        long deadline = System.nanoTime() + maxWait.toNanos();
        BatchResult acked = null;
        while (true) {
            synchronized (signal) {
                signaled = false;
            }
            List<Message> claimed;
            if (acked == null) {
                AckedAndReceived first = ackAndClaim(acks, mode, max, visibility);
                acked = first.acked();
                claimed = first.messages();
            } else {
                claimed = store.messageStore().claim(queue, max, visibility, workerId, EXPIRED_REASON);
            }
            long remaining = deadline - System.nanoTime();
            if (!claimed.isEmpty()) {
                synchronized (signal) {
                    idleBackoff().reset();
                }
                return new AckedAndReceived(acked, claimed);
            }
            if (remaining <= 0) {
                return new AckedAndReceived(acked, claimed);
            }
            synchronized (signal) {
                long until = System.nanoTime() + Math.min(remaining, idleBackoff().next().toNanos());
                while (!signaled) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    signal.wait(Math.max(1, left / 1_000_000), 0);
                }
                if (signaled) {
                    idleBackoff().reset();
                }
            }
        }
    }

    private Backoff idleBackoff() {
        if (idle == null) {
            idle = new Backoff(MIN_POLL_WAIT, pollInterval);
        }
        return idle;
    }

    private void listen() {
        synchronized (signal) {
            if (subscription == null) {
                subscription = store.wakeups().subscribe(queue.name(), () -> {
                    synchronized (signal) {
                        signaled = true;
                        signal.notifyAll();
                    }
                });
            }
        }
    }

    /** Acknowledges by archiving. */
    public void ack(Message message) {
        ack(message.receipt(), AckMode.ARCHIVE);
    }

    public void ack(Receipt receipt, AckMode mode) {
        requireDone(ackAll(List.of(receipt), mode), receipt, "acknowledge");
    }

    /** Acknowledges many messages in one statement. */
    public BatchResult ackAll(Collection<Receipt> receipts, AckMode mode) {
        if (receipts.isEmpty()) {
            return new BatchResult(Set.of(), Set.of());
        }
        Set<Long> done = mode == AckMode.DELETE
                ? store.messageStore().delete(queue, receipts)
                : store.messageStore().archive(queue, receipts);
        return split(receipts, done);
    }

    /** Makes the message invisible for {@code visibility} from now. */
    public void extend(Receipt receipt, Duration visibility) {
        requireDone(extendAll(List.of(receipt), visibility), receipt, "extend the lease of");
    }

    public BatchResult extendAll(Collection<Receipt> receipts, Duration visibility) {
        Durations.requirePositive(visibility, "visibility timeout", queue.name());
        if (receipts.isEmpty()) {
            return new BatchResult(Set.of(), Set.of());
        }
        return split(receipts, store.messageStore().extend(queue, receipts, visibility));
    }

    /**
     * Negative acknowledgement: the message is delivered again after {@code delay}, unless it has been
     * delivered its queue's max read count times, in which case it becomes a dead letter.
     *
     * @return true when the message was dead-lettered
     */
    public boolean release(Receipt receipt, Duration delay, String reason) {
        ReleaseResult r = releaseAll(List.of(receipt), delay, reason);
        if (!r.lost().isEmpty()) {
            throw new LeaseLostException(queue.name(), receipt, "release");
        }
        return !r.deadLettered().isEmpty();
    }

    public boolean release(Receipt receipt, Duration delay) {
        return release(receipt, delay, "released by the consumer");
    }

    public ReleaseResult releaseAll(Collection<Receipt> receipts, Duration delay, String reason) {
        Durations.requireNotNegative(delay, "release delay", queue.name());
        if (receipts.isEmpty()) {
            return new ReleaseResult(Set.of(), Set.of(), Set.of());
        }
        String deadReason = "max read count reached; last failure: " + (reason == null ? "unknown" : reason);
        Map<Long, Boolean> outcome = store.messageStore().release(queue, receipts, delay, deadReason);
        Set<Receipt> released = new HashSet<>();
        Set<Receipt> dead = new HashSet<>();
        Set<Receipt> lost = new HashSet<>();
        for (Receipt r : receipts) {
            Boolean wasDead = outcome.get(r.messageId());
            (wasDead == null ? lost : wasDead ? dead : released).add(r);
        }
        if (!released.isEmpty() && delay.isZero()) {
            store.wakeups().published(queue.name());
        }
        return new ReleaseResult(released, dead, lost);
    }

    /** Moves the message to dead letters now, whatever its read count. */
    public void deadLetter(Receipt receipt, String reason) {
        requireDone(deadLetterAll(List.of(receipt), reason), receipt, "dead-letter");
    }

    public BatchResult deadLetterAll(Collection<Receipt> receipts, String reason) {
        if (receipts.isEmpty()) {
            return new BatchResult(Set.of(), Set.of());
        }
        return split(receipts, store.messageStore().deadLetter(queue, receipts, reason == null ? "dead-lettered" : reason));
    }

    private void requireDone(BatchResult result, Receipt receipt, String operation) {
        if (!result.allDone()) {
            throw new LeaseLostException(queue.name(), receipt, operation);
        }
    }

    private static BatchResult split(Collection<Receipt> receipts, Set<Long> doneIds) {
        Set<Receipt> done = new HashSet<>();
        Set<Receipt> lost = new HashSet<>();
        for (Receipt r : receipts) {
            (doneIds.contains(r.messageId()) ? done : lost).add(r);
        }
        return new BatchResult(done, lost);
    }

    @Override
    public void close() {
        synchronized (signal) {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
    }
}
