package dev.pgqrs.quarkus;

import dev.pgqrs.AckMode;
import dev.pgqrs.AckedAndReceived;
import dev.pgqrs.Admin;
import dev.pgqrs.BatchResult;
import dev.pgqrs.Consumer;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.Receipt;
import dev.pgqrs.ReleaseResult;
import dev.pgqrs.Store;
import dev.pgqrs.error.LeaseLostException;
import dev.pgqrs.internal.Backoff;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * One incoming pgqrs channel. A dedicated thread claims messages (blocking JDBC never touches an
 * event loop) and parks them as "unstarted"; they are emitted on the channel's Vert.x context as
 * downstream requests them. Acknowledgements are grouped and ride on the next claim's statement; a
 * second thread settles what cannot wait for one: acks while the queue is idle, releases, dead
 * letters and lease extensions. Claimed-but-unsettled messages are bounded by {@code max-inflight}.
 */
final class PgqrsIncomingChannel {
    private static final Logger LOG = Logger.getLogger(PgqrsIncomingChannel.class);
    private static final Duration CLAIM_WAIT = Duration.ofSeconds(5);
    static final String HANDED_BACK = "handed back unprocessed at shutdown";

    /** A claimed message's lease, renewed while it is being processed. */
    private static final class Lease {
        final dev.pgqrs.Message message;
        volatile long visibleUntilNanos;
        volatile boolean lost;

        Lease(dev.pgqrs.Message message, long visibleUntilNanos) {
            this.message = message;
            this.visibleUntilNanos = visibleUntilNanos;
        }
    }

    private final String channel;
    private final String queue;
    private final Store store;
    private final int batchSize;
    private final Duration visibility;
    private final Duration pollInterval;
    private final Integer maxReadCount;
    private final boolean autoCreate;
    private final int maxInflight;
    private final boolean batch;
    private final AckMode ackMode;
    private final Duration retryDelay;
    private final Duration retryMaxDelay;
    private final Duration shutdownTimeout;
    private final Class<?> payloadType;
    private final PayloadCodec codec;
    private final PgqrsFailureHandler failureHandler;
    private final Context context;

    private final ScheduledExecutorService settler;
    /** The first claims and waits for wake-ups; the others claim only while the queue has a backlog. */
    private final List<Thread> pollers = new ArrayList<>();
    private final Queue<dev.pgqrs.Message> unstarted = new ConcurrentLinkedQueue<>();
    private final Map<Long, Lease> leases = new ConcurrentHashMap<>();
    private final Object room = new Object();
    /** Messages being claimed right now, counted against max-inflight before they become leases. */
    private int reserved;
    private final Object backlogSignal = new Object();
    /** Whether the last claim came back full, so more is probably ready. */
    private volatile boolean backlogged;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private volatile Consumer consumer;
    private volatile BatchingAcker acker;
    private volatile MultiEmitter<? super Message<?>> emitter;
    private volatile boolean stopping;
    private final ChannelHealth health = new ChannelHealth(false);

    PgqrsIncomingChannel(PgqrsConnectorIncomingConfiguration conf, Store store, Context context, PayloadCodec codec,
            PgqrsFailureHandler failureHandler) {
        this.channel = conf.getChannel();
        this.queue = conf.getQueue().orElse(channel);
        this.store = store;
        this.batchSize = requirePositive(conf.getBatchSize(), "batch-size");
        this.visibility = Duration.ofSeconds(requirePositive(conf.getVisibilityTimeout(), "visibility-timeout"));
        this.pollInterval = Duration.ofMillis(requirePositive(conf.getPollInterval(), "poll-interval"));
        this.maxReadCount = conf.getMaxReadCount().orElse(null);
        this.autoCreate = conf.getAutoCreate();
        this.maxInflight = requirePositive(conf.getMaxInflight(), "max-inflight");
        this.batch = conf.getBatch();
        this.ackMode = AckMode.valueOf(conf.getAckMode().trim().toUpperCase(Locale.ROOT));
        this.retryDelay = Duration.ofMillis(Math.max(0, conf.getRetryDelay()));
        this.retryMaxDelay = Duration.ofMillis(Math.max(0, conf.getRetryMaxDelay()));
        this.shutdownTimeout = Duration.ofMillis(Math.max(0, conf.getShutdownTimeout()));
        this.payloadType = conf.getPayloadType().map(PgqrsIncomingChannel::load).orElse(null);
        this.codec = codec;
        this.failureHandler = failureHandler;
        this.context = context;
        this.settler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pgqrs-settle-" + channel));
        int claimers = requirePositive(conf.getClaimers(), "claimers");
        for (int i = 0; i < claimers; i++) {
            boolean first = i == 0;
            pollers.add(daemon(() -> pollLoop(first), "pgqrs-poll-" + channel + (first ? "" : "-" + i)));
        }
    }

    String name() {
        return channel;
    }

    String queue() {
        return queue;
    }

    Multi<? extends Message<?>> stream() {
        return Multi.createFrom().<Message<?>> emitter(em -> {
            emitter = em;
            em.onRequest(n -> scheduleDrain());
            pollers.forEach(Thread::start);
            long period = Math.max(100, visibility.toMillis() / 4);
            settler.scheduleAtFixedRate(this::extendLeases, period, period, TimeUnit.MILLISECONDS);
        }, BackPressureStrategy.ERROR);
    }

    // ---- claiming -------------------------------------------------------------------------------

    private void pollLoop(boolean first) {
        Backoff onError = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        Consumer own = null;
        try {
            while (!stopping) {
                try {
                    if (own == null) {
                        openConsumer();
                        // Each claiming thread waits for its own wake-ups.
                        own = first ? consumer : store.consumer(queue).pollInterval(pollInterval);
                    }
                    if (!first && !awaitBacklog()) {
                        continue;
                    }
                    int space = reserveRoom();
                    if (space <= 0) {
                        continue;
                    }
                    try {
                        List<dev.pgqrs.Message> claimed = ackAndClaim(own, space, first ? CLAIM_WAIT : Duration.ZERO);
                        health.storeAnswered();
                        onError.reset();
                        markBacklog(claimed.size() == space);
                        if (!claimed.isEmpty()) {
                            LOG.tracef("Channel '%s' claimed %d messages", channel, claimed.size());
                            long until = System.nanoTime() + visibility.toNanos();
                            for (dev.pgqrs.Message m : claimed) {
                                leases.put(m.id(), new Lease(m, until));
                            }
                            unstarted.addAll(claimed);
                            scheduleDrain();
                        }
                    } finally {
                        releaseRoom(space);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (stopping) {
                        return;
                    }
                    health.storeFailed(e.getMessage());
                    LOG.warnf("Channel '%s' cannot claim from queue '%s' on %s: %s (retrying)", channel, queue, store.describe(),
                            e.getMessage());
                    if (!sleep(onError.next())) {
                        return;
                    }
                }
            }
        } finally {
            if (!first && own != null) {
                own.close();
            }
        }
    }

    /** Claims up to {@code max} messages, settling the acknowledgements queued since the last claim in the same statement. */
    private List<dev.pgqrs.Message> ackAndClaim(Consumer claimer, int max, Duration wait) throws InterruptedException {
        List<Receipt> acks = acker.takePending();
        AckedAndReceived result;
        try {
            result = claimer.ackAndReceive(acks, ackMode, max, visibility, wait);
        } catch (RuntimeException e) {
            if (!acks.isEmpty()) {
                acker.failed(acks, e);
            }
            throw e;
        }
        acker.settled(result.acked());
        return result.messages();
    }

    private void markBacklog(boolean full) {
        if (full != backlogged) {
            backlogged = full;
            if (full) {
                synchronized (backlogSignal) {
                    backlogSignal.notifyAll();
                }
            }
        }
    }

    /** An extra claimer's wait for a backlog: no statement while the queue keeps up. */
    private boolean awaitBacklog() throws InterruptedException {
        synchronized (backlogSignal) {
            if (!backlogged && !stopping) {
                backlogSignal.wait(1000);
            }
        }
        return backlogged && !stopping;
    }

    private synchronized void openConsumer() {
        if (consumer != null) {
            return;
        }
        Admin admin = store.admin();
        QueueInfo info;
        if (autoCreate) {
            info = admin.createQueueIfNotExists(queue, maxReadCount == null ? Admin.DEFAULT_MAX_READ_COUNT : maxReadCount);
        } else {
            info = admin.queue(queue);
        }
        if (maxReadCount != null && info.maxReadCount() != maxReadCount) {
            admin.setMaxReadCount(queue, maxReadCount);
        }
        Consumer c = store.consumer(queue).pollInterval(pollInterval);
        acker = new BatchingAcker(c, ackMode, settler, Math.max(batchSize, 100));
        consumer = c;
        health.started();
        LOG.debugf("Channel '%s' consumes queue '%s' on %s (payload %s, batch %s)", channel, queue, store.describe(),
                payloadType == null ? "String" : payloadType.getName(), batch);
    }

    /** Waits until fewer than max-inflight messages are held, then reserves room for one claim. */
    private int reserveRoom() throws InterruptedException {
        synchronized (room) {
            while (!stopping && leases.size() + reserved >= maxInflight) {
                room.wait(1000);
            }
            if (stopping) {
                return 0;
            }
            int n = Math.min(batchSize, maxInflight - leases.size() - reserved);
            reserved += n;
            return n;
        }
    }

    private void releaseRoom(int n) {
        synchronized (room) {
            reserved -= n;
            room.notifyAll();
        }
    }

    private void forget(Collection<dev.pgqrs.Message> messages) {
        for (dev.pgqrs.Message m : messages) {
            leases.remove(m.id());
        }
        synchronized (room) {
            room.notifyAll();
        }
    }

    // ---- emitting -------------------------------------------------------------------------------

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    /** Runs on the channel's context, so each message captures a duplicated context of it. */
    private void drain() {
        MultiEmitter<? super Message<?>> em = emitter;
        while (em != null && !stopping && !em.isCancelled() && em.requested() > 0 && !unstarted.isEmpty()) {
            List<dev.pgqrs.Message> taken = new ArrayList<>();
            dev.pgqrs.Message m;
            while (taken.size() < (batch ? batchSize : 1) && (m = unstarted.poll()) != null) {
                taken.add(m);
            }
            if (!taken.isEmpty()) {
                Message<?> message = toMessage(taken);
                if (message != null) {
                    LOG.tracef("Channel '%s' emits %d messages", channel, taken.size());
                    em.emit(message);
                }
            }
        }
    }

    private Message<?> toMessage(List<dev.pgqrs.Message> taken) {
        List<Object> payloads = new ArrayList<>(taken.size());
        List<dev.pgqrs.Message> readable = new ArrayList<>(taken.size());
        for (dev.pgqrs.Message m : taken) {
            try {
                payloads.add(codec.decode(m.payload(), payloadType, queue));
                readable.add(m);
            } catch (RuntimeException e) {
                LOG.warnf("Channel '%s': message %d of queue '%s' cannot be read: %s", channel, m.id(), queue, e.getMessage());
                // An unreadable payload is a processing failure like any other: the strategy decides.
                nack(List.of(m), e, Metadata.empty()).whenComplete((ok, t) -> {
                    if (t != null) {
                        LOG.errorf(t, "Channel '%s': cannot settle unreadable message %d", channel, m.id());
                    }
                });
            }
        }
        if (readable.isEmpty()) {
            return null;
        }
        if (batch) {
            return new PgqrsMessage<>(this, readable, payloads,
                    new PgqrsIncomingBatchMetadata(readable.stream().map(PgqrsIncomingMetadata::of).toList()));
        }
        return new PgqrsMessage<>(this, readable, payloads.get(0), PgqrsIncomingMetadata.of(readable.get(0)));
    }

    // ---- settling -------------------------------------------------------------------------------

    /** Queues the acknowledgements for the next grouped statement (see {@link BatchingAcker}). */
    CompletionStage<Void> ack(List<dev.pgqrs.Message> messages) {
        for (dev.pgqrs.Message m : messages) {
            acker.ack(m.receipt());
        }
        forget(messages);
        return CompletableFuture.completedFuture(null);
    }

    CompletionStage<Void> nack(List<dev.pgqrs.Message> messages, Throwable cause, Metadata metadata) {
        try {
            return failureHandler.handle(new PgqrsFailure(this, messages, cause, metadata));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Releases each message after {@code delay}, or after its backoff when null. */
    CompletionStage<Void> release(List<dev.pgqrs.Message> messages, Duration delay, String reason) {
        return settle(messages, () -> {
            Map<Duration, List<Receipt>> byDelay = new LinkedHashMap<>();
            for (dev.pgqrs.Message m : messages) {
                byDelay.computeIfAbsent(delay != null ? delay : backoff(m.readCount()), d -> new ArrayList<>()).add(m.receipt());
            }
            List<Receipt> lost = new ArrayList<>();
            for (Map.Entry<Duration, List<Receipt>> e : byDelay.entrySet()) {
                ReleaseResult r = consumer.releaseAll(e.getValue(), e.getKey(), reason);
                lost.addAll(r.lost());
            }
            return lost;
        }, "release");
    }

    CompletionStage<Void> deadLetter(List<dev.pgqrs.Message> messages, String reason) {
        return settle(messages, () -> {
            BatchResult r = consumer.deadLetterAll(messages.stream().map(dev.pgqrs.Message::receipt).toList(), reason);
            return new ArrayList<>(r.lost());
        }, "dead-letter");
    }

    CompletionStage<Void> failChannel(List<dev.pgqrs.Message> messages, Throwable cause, String reason) {
        Throwable reported = cause != null ? cause : new IllegalStateException(reason);
        health.failed(reported);
        LOG.errorf(reported, "Channel '%s' (queue '%s') failed and stopped claiming (failure-strategy=fail)", channel, queue);
        stopClaiming();
        CompletableFuture<Void> result = new CompletableFuture<>();
        release(messages, Duration.ZERO, reason).whenComplete((ok, t) -> {
            handBackUnstarted();
            context.runOnContext(v -> {
                MultiEmitter<? super Message<?>> em = emitter;
                if (em != null) {
                    em.fail(reported);
                }
            });
            result.completeExceptionally(reported);
        });
        return result;
    }

    private CompletionStage<Void> settle(List<dev.pgqrs.Message> messages, Supplier<List<Receipt>> operation, String what) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        settler.execute(() -> {
            try {
                List<Receipt> lost = operation.get();
                if (lost.isEmpty()) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new LeaseLostException(queue, lost.get(0), what));
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            } finally {
                forget(messages);
            }
        });
        return result;
    }

    Duration backoff(int readCount) {
        if (retryDelay.isZero()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(Math.max(0, readCount - 1), 30);
        long millis = retryDelay.toMillis() << doublings;
        return millis <= 0 || millis > retryMaxDelay.toMillis() ? retryMaxDelay : Duration.ofMillis(millis);
    }

    /** Renews, in one statement, every lease that has less than half the visibility timeout left. */
    private void extendLeases() {
        Consumer c = consumer;
        if (c == null || leases.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<Lease> due = new ArrayList<>();
        for (Lease l : leases.values()) {
            if (!l.lost && l.visibleUntilNanos - now < visibility.toNanos() / 2) {
                due.add(l);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            BatchResult r = c.extendAll(due.stream().map(l -> l.message.receipt()).toList(), visibility);
            long until = now + visibility.toNanos();
            for (Lease l : due) {
                if (r.done().contains(l.message.receipt())) {
                    l.visibleUntilNanos = until;
                } else {
                    l.lost = true;
                    LOG.warnf("Channel '%s': the lease of message %d of queue '%s' was lost before it could be extended;"
                            + " it may be delivered again", channel, l.message.id(), queue);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Channel '%s': cannot extend %d leases on queue '%s': %s", channel, due.size(), queue, e.getMessage());
        }
    }

    // ---- lifecycle and health ---------------------------------------------------------------------

    private void stopClaiming() {
        stopping = true;
        pollers.forEach(Thread::interrupt);
        synchronized (room) {
            room.notifyAll();
        }
        synchronized (backlogSignal) {
            backlogSignal.notifyAll();
        }
    }

    /** Releases the messages claimed but never handed to the application, so another consumer gets them now. */
    private void handBackUnstarted() {
        List<dev.pgqrs.Message> rest = new ArrayList<>();
        dev.pgqrs.Message m;
        while ((m = unstarted.poll()) != null) {
            rest.add(m);
        }
        if (rest.isEmpty() || consumer == null) {
            return;
        }
        try {
            release(rest, Duration.ZERO, HANDED_BACK).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("Channel '%s': could not hand back %d unprocessed messages of queue '%s' (%s); they return when"
                    + " their visibility timeout ends", channel, rest.size(), queue, e.getMessage());
        }
    }

    /** Stops claiming, hands back unstarted messages, waits for in-flight ones up to {@code shutdown-timeout}. */
    void shutdown() {
        stopClaiming();
        try {
            for (Thread poller : pollers) {
                poller.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handBackUnstarted();
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (!leases.isEmpty() && System.nanoTime() < deadline) {
            if (!sleep(Duration.ofMillis(20))) {
                break;
            }
        }
        if (!leases.isEmpty()) {
            LOG.warnf("Channel '%s': %d messages of queue '%s' were still being processed after %s; they return when"
                    + " their visibility timeout ends", channel, leases.size(), queue, shutdownTimeout);
        }
        if (acker != null) {
            try {
                settler.submit(acker::flush).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("Channel '%s': could not flush the last acknowledgements: %s", channel, e.getMessage());
            }
        }
        settler.shutdown();
        if (consumer != null) {
            consumer.close();
        }
    }

    boolean isReady() {
        return health.ready();
    }

    boolean isAlive() {
        return health.alive();
    }

    String status(String storeDetails) {
        return health.status("queue '" + queue + "', " + leases.size() + " in flight", storeDetails);
    }

    int inFlight() {
        return leases.size();
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int requirePositive(int value, String attribute) {
        if (value <= 0) {
            throw new IllegalArgumentException("mp.messaging.incoming." + channel + "." + attribute + " must be positive (got "
                    + value + ")");
        }
        return value;
    }

    private long requirePositive(long value, String attribute) {
        if (value <= 0) {
            throw new IllegalArgumentException("mp.messaging.incoming." + channel + "." + attribute + " must be positive (got "
                    + value + ")");
        }
        return value;
    }

    static Class<?> load(String name) {
        switch (name) {
            case "byte[]":
                return byte[].class;
            default:
                break;
        }
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, false, tccl != null ? tccl : PgqrsIncomingChannel.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("payload-type '" + name + "' is not a class on the application's class path", e);
        }
    }
}
