package dev.pgqrs.quarkus;

import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Producer;
import dev.pgqrs.Store;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 */
final class PgqrsOutgoingChannel implements Flow.Subscriber<Message<?>> {
    private static final Logger LOG = Logger.getLogger(PgqrsOutgoingChannel.class);
    private static final int MAX_INSERT = 500;

    private final String channel;
    private final String queue;
    private final Store store;
    private final boolean autoCreate;
    private final int maxInflight;
    private final Duration delay;
    private final PayloadCodec codec;
    private final ExecutorService writer;
    private final Map<String, Producer> producers = new ConcurrentHashMap<>();
    private final List<Message<?>> pending = new ArrayList<>();
    private boolean writing;
    private volatile Flow.Subscription subscription;
    private volatile String storeProblem;
    private volatile Throwable failure;

    PgqrsOutgoingChannel(PgqrsConnectorOutgoingConfiguration conf, Store store, PayloadCodec codec) {
        this.channel = conf.getChannel();
        this.queue = conf.getQueue().orElse(channel);
        this.store = store;
        this.autoCreate = conf.getAutoCreate();
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
        failure = t;
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
                ids = producer(e.getKey()).sendBatch(messages.stream().map(encoded::get).toList());
                storeProblem = null;
            } catch (RuntimeException ex) {
                if (ex instanceof dev.pgqrs.error.StoreUnavailableException) {
                    storeProblem = ex.getMessage();
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
        Map<String, String> headers = new LinkedHashMap<>();
        // A message derived from a pgqrs message (an @Incoming/@Outgoing method) keeps its trace context.
        Optional<PgqrsIncomingMetadata> in = m.getMetadata(PgqrsIncomingMetadata.class);
        in.flatMap(PgqrsIncomingMetadata::traceparent).ifPresent(v -> headers.put(PgqrsOutgoingMetadata.TRACEPARENT, v));
        in.flatMap(i -> i.header(PgqrsOutgoingMetadata.TRACESTATE)).ifPresent(v -> headers.put(PgqrsOutgoingMetadata.TRACESTATE, v));
        OutgoingMessage out = OutgoingMessage.of(codec.encode(m.getPayload(), target));
        if (meta != null) {
            headers.putAll(meta.headers());
            if (meta.deliverAt() != null) {
                out = out.withDeliverAt(meta.deliverAt());
            } else if (meta.delay() != null) {
                out = out.withDelay(meta.delay());
            } else if (!delay.isZero()) {
                out = out.withDelay(delay);
            }
        } else if (!delay.isZero()) {
            out = out.withDelay(delay);
        }
        return out.withHeaders(headers);
    }

    private Producer producer(String name) {
        Producer p = producers.get(name);
        if (p == null) {
            if (autoCreate) {
                store.admin().createQueueIfNotExists(name);
            }
            p = store.producer(name);
            producers.put(name, p);
        }
        return p;
    }

    boolean isReady() {
        return storeProblem == null && failure == null;
    }

    boolean isAlive() {
        return failure == null;
    }

    String status(String storeDetails) {
        if (failure != null) {
            return "failed: " + failure + "; " + storeDetails;
        }
        if (storeProblem != null) {
            return "store unreachable: " + storeProblem + "; " + storeDetails;
        }
        return "queue '" + queue + "'; " + storeDetails;
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
