package dev.pgqrs.quarkus;

import dev.pgqrs.AckMode;
import dev.pgqrs.BatchResult;
import dev.pgqrs.Consumer;
import dev.pgqrs.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Groups acknowledgements: receipts collected during a few milliseconds (or until {@code maxBatch}
 * are waiting) are settled in one statement, usually the channel's next claim (see
 * {@link #takePending}), otherwise a flush of their own.
 *
 * <p>An ack is complete for the application once it is queued here. SmallRye hands a worker-thread
 * method its next message only after the previous ack completes, so waiting for the statement would
 * cap such a channel at one message per flush. Nothing is lost by not waiting: a message whose ack
 * never reaches the database (a crash, an outage) is simply delivered again after its visibility
 * timeout, which is the at-least-once promise; a receipt refused because its lease was lost is logged.
 */
final class BatchingAcker {
    private static final Logger LOG = Logger.getLogger(BatchingAcker.class);
    static final long FLUSH_DELAY_MILLIS = 5;

    private final Consumer consumer;
    private final AckMode mode;
    private final ScheduledExecutorService executor;
    private final int maxBatch;
    private List<Receipt> pending = new ArrayList<>();
    private boolean flushScheduled;

    BatchingAcker(Consumer consumer, AckMode mode, ScheduledExecutorService executor, int maxBatch) {
        this.consumer = consumer;
        this.mode = mode;
        this.executor = executor;
        this.maxBatch = Math.max(1, maxBatch);
    }

    void ack(Receipt receipt) {
        synchronized (this) {
            pending.add(receipt);
            if (pending.size() >= maxBatch) {
                executor.execute(this::flush);
            } else if (!flushScheduled) {
                flushScheduled = true;
                executor.schedule(this::flush, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Hands the waiting receipts to the channel's poller, which settles them in the same statement as
     * its next claim (one commit instead of two); the poller reports the outcome with {@link #settled}.
     */
    List<Receipt> takePending() {
        synchronized (this) {
            if (pending.isEmpty()) {
                return List.of();
            }
            List<Receipt> taken = pending;
            pending = new ArrayList<>();
            return taken;
        }
    }

    /** Settles everything waiting; runs on the channel's settle thread, and once more at shutdown. */
    void flush() {
        List<Receipt> batch;
        synchronized (this) {
            flushScheduled = false;
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        try {
            settled(consumer.ackAll(batch, mode));
        } catch (RuntimeException e) {
            failed(batch, e);
        }
    }

    /** Logs the acknowledgements that came too late: their message will be processed again. */
    void settled(BatchResult result) {
        if (!result.allDone()) {
            LOG.warnf("%d acknowledgement(s) on queue '%s' came after the message's lease was lost (visibility timeout"
                    + " expired and it was claimed again); it will be processed again. Raise visibility-timeout if"
                    + " processing takes that long.", result.lost().size(), consumer.queue().name());
        }
    }

    /** Logs acknowledgements that could not be recorded: their messages return after the visibility timeout. */
    void failed(List<Receipt> receipts, RuntimeException e) {
        LOG.warnf("Could not record %d acknowledgement(s) on queue '%s' (%s); those messages will be delivered again"
                + " after their visibility timeout.", receipts.size(), consumer.queue().name(), e.getMessage());
    }
}
