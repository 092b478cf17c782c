package dev.pgqrs;

import java.time.Duration;

/**
 * A snapshot of one queue.
 *
 * @param ready           claimable now (including messages whose lease expired)
 * @param inFlight        claimed and still within their visibility timeout
 * @param delayed         waiting for a delivery time or a retry delay
 * @param dead            dead letters
 * @param archived        acknowledged by archive and not yet purged
 * @param oldestReadyAge  how long the oldest ready message has waited; {@code null} when none is ready
 */
public record QueueMetrics(String queue, long ready, long inFlight, long delayed, long dead, long archived,
        Duration oldestReadyAge) {
}
