package dev.pgqrs.internal;

import java.time.Duration;

/**
 * Doubling wait between empty polls, from {@code min} up to {@code max}; reset when a poll finds
 * messages. Keeps an idle queue from costing the database more than one poll per {@code max}.
 */
public final class Backoff {
    private final long minNanos;
    private final long maxNanos;
    private long currentNanos;

    public Backoff(Duration min, Duration max) {
        this.minNanos = Math.max(1, min.toNanos());
        this.maxNanos = Math.max(minNanos, max.toNanos());
        this.currentNanos = minNanos;
    }

    /** The wait before the next poll, which then doubles. */
    public Duration next() {
        long now = currentNanos;
        currentNanos = Math.min(maxNanos, currentNanos * 2);
        return Duration.ofNanos(now);
    }

    public void reset() {
        currentNanos = minNanos;
    }
}
