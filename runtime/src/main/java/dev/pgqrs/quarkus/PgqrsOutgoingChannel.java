package dev.pgqrs.quarkus;

import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Store;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * One outgoing pgqrs channel. Messages that arrive while an insert is running are grouped into the
 * next insert (one statement per flush, on the channel's own thread); each message is acked once the
 * insert holding it has committed, or nacked with the error. At most {@code max-inflight} messages
 * wait at a time.
 *
 * <p>A message that arrives on a thread inside a transaction pgqrs can join (a shared datasource and
 * an active JTA transaction, e.g. an {@code Emitter.send} in a {@code @Transactional} method) is
 * instead written at once on that thread, in that transaction, and acked when the insert returns:
 * the ack then means "written in your transaction", which may still roll back.
 */
final class PgqrsOutgoingChannel implements Flow.Subscriber<Message<?>> {
    private static final Logger LOG = Logger.getLogger(PgqrsOutgoingChannel.class);
    private static final int MAX_INSERT = 500;

    private final String channel;
    private final String queue;
    private final QueueWriter writes;
    private final int maxInflight;
    private final Duration delay;
    private final PayloadCodec codec;
    private final ExecutorService writer;
    private final List<Message<?>> pending = new ArrayList<>();
    private boolean writing;
    private volatile Flow.Subscription subscription;
    private final ChannelHealth health = new ChannelHealth(true);

    /** @param transactions null when sends never join a caller's transaction */
    PgqrsOutgoingChannel(PgqrsConnectorOutgoingConfiguration conf, Store store, PayloadCodec codec,
            PgqrsTransactions transactions) {
        this.channel = conf.getChannel();
        this.queue = conf.getQueue().orElse(channel);
        this.writes = new QueueWriter(store, transactions, conf.getAutoCreate());
        this.maxInflight = Math.max(1, conf.getMaxInflight());
        this.delay = Duration.ofMillis(Math.max(0, conf.getDelay()));
        this.codec = codec;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pgqrs-send-" + channel);
            t.setDaemon(true);
            return t;
        });
    }

    String name() {
        return channel;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(maxInflight);
    }

    @Override
    public void onNext(Message<?> message) {
        if (writes.joinsTransaction()) {
            write(List.of(message));
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
            return;
        }
        synchronized (pending) {
            pending.add(message);
            if (!writing) {
                writing = true;
                try {
                    writer.execute(this::writeLoop);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    writing = false;
                    pending.remove(message);
                    message.nack(new IllegalStateException("Outgoing channel '" + channel + "' is shut down"));
                }
            }
        }
    }

    @Override
    public void onError(Throwable t) {
        health.failed(t);
        LOG.errorf(t, "The stream of outgoing channel '%s' failed", channel);
    }

    @Override
    public void onComplete() {
    }

    private void writeLoop() {
        while (true) {
            List<Message<?>> batch;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    writing = false;
                    return;
                }
                int n = Math.min(MAX_INSERT, pending.size());
                batch = new ArrayList<>(pending.subList(0, n));
                pending.subList(0, n).clear();
            }
            write(batch);
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(batch.size());
            }
        }
    }

    private void write(List<Message<?>> batch) {
        Map<String, List<Message<?>>> byQueue = new LinkedHashMap<>();
        Map<Message<?>, OutgoingMessage> encoded = new LinkedHashMap<>();
        for (Message<?> m : batch) {
            try {
                PgqrsOutgoingMetadata meta = m.getMetadata(PgqrsOutgoingMetadata.class).orElse(null);
                String target = meta != null && meta.queue() != null ? meta.queue() : queue;
                if (m.getPayload() == null) {
                    m.ack();
                    continue;
                }
                encoded.put(m, encode(m, meta, target));
                byQueue.computeIfAbsent(target, q -> new ArrayList<>()).add(m);
            } catch (RuntimeException e) {
                m.nack(e);
            }
        }
        for (Map.Entry<String, List<Message<?>>> e : byQueue.entrySet()) {
            List<Message<?>> messages = e.getValue();
            List<Long> ids;
            try {
                ids = writes.write(e.getKey(), messages.stream().map(encoded::get).toList());
                health.storeAnswered();
            } catch (RuntimeException ex) {
                if (ex instanceof dev.pgqrs.error.StoreUnavailableException) {
                    health.storeFailed(ex.getMessage());
                }
                messages.forEach(m -> m.nack(ex));
                continue;
            }
            for (int i = 0; i < messages.size(); i++) {
                OutgoingMessageMetadata.setResultOnMessage(messages.get(i), ids.get(i));
                messages.get(i).ack();
            }
        }
    }

    private OutgoingMessage encode(Message<?> m, PgqrsOutgoingMetadata meta, String target) {
        Map<String, String> inherited = new LinkedHashMap<>();
        // A message derived from a pgqrs message (an @Incoming/@Outgoing method) keeps its trace context.
        Optional<PgqrsIncomingMetadata> in = m.getMetadata(PgqrsIncomingMetadata.class);
        in.flatMap(PgqrsIncomingMetadata::traceparent).ifPresent(v -> inherited.put(PgqrsOutgoingMetadata.TRACEPARENT, v));
        in.flatMap(i -> i.header(PgqrsOutgoingMetadata.TRACESTATE)).ifPresent(v -> inherited.put(PgqrsOutgoingMetadata.TRACESTATE, v));
        return QueueWriter.outgoing(codec.encode(m.getPayload(), target), meta, inherited, delay);
    }

    boolean isReady() {
        return health.ready();
    }

    boolean isAlive() {
        return health.alive();
    }

    String status(String storeDetails) {
        return health.status("queue '" + queue + "'", storeDetails);
    }

    /** Lets queued inserts finish (up to the timeout), then stops the writer thread. */
    void shutdown(Duration timeout) {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("Outgoing channel '%s': inserts still running after %s", channel, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
