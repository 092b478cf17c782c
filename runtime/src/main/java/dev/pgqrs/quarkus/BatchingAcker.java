package dev.pgqrs.quarkus;

import dev.pgqrs.AckMode;
import dev.pgqrs.BatchResult;
import dev.pgqrs.Consumer;
import dev.pgqrs.Receipt;
import dev.pgqrs.error.LeaseLostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Groups acknowledgements: receipts collected during a few milliseconds (or until {@code maxBatch}
 * are waiting) are settled in one statement, and each message's future completes from the result.
 * One statement per message would cap a channel at the database's transaction rate.
 */
final class BatchingAcker {
    static final long FLUSH_DELAY_MILLIS = 5;

    private record Pending(Receipt receipt, CompletableFuture<Void> done) {
    }

    private final Consumer consumer;
    private final AckMode mode;
    private final ScheduledExecutorService executor;
    private final int maxBatch;
    private List<Pending> pending = new ArrayList<>();
    private boolean flushScheduled;

    BatchingAcker(Consumer consumer, AckMode mode, ScheduledExecutorService executor, int maxBatch) {
        this.consumer = consumer;
        this.mode = mode;
        this.executor = executor;
        this.maxBatch = Math.max(1, maxBatch);
    }

    CompletableFuture<Void> ack(Receipt receipt) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            pending.add(new Pending(receipt, done));
            if (pending.size() >= maxBatch) {
                executor.execute(this::flush);
            } else if (!flushScheduled) {
                flushScheduled = true;
                executor.schedule(this::flush, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        return done;
    }

    /** Settles everything waiting; runs on the channel's settle thread. */
    void flush() {
        List<Pending> batch;
        synchronized (this) {
            flushScheduled = false;
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        List<Receipt> receipts = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            receipts.add(p.receipt());
        }
        BatchResult result;
        try {
            result = consumer.ackAll(receipts, mode);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (Pending p : batch) {
            if (result.done().contains(p.receipt())) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(new LeaseLostException(consumer.queue().name(), p.receipt(), "acknowledge"));
            }
        }
    }
}
