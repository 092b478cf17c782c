package dev.pgqrs.internal;

import dev.pgqrs.error.InvalidArgumentException;
import java.time.Duration;

/** Argument checks shared by the API classes. */
public final class Durations {
    private Durations() {
    }

    public static Duration requirePositive(Duration d, String what, String queue) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new InvalidArgumentException("The " + what + " for queue '" + queue + "' must be positive, got " + d
                    + ". Use at least a millisecond, for example Duration.ofSeconds(30).");
        }
        if (d.toMillis() < 1) {
            throw new InvalidArgumentException("The " + what + " for queue '" + queue + "' is below one millisecond (" + d
                    + "), the finest step the stores keep. Use at least Duration.ofMillis(1).");
        }
        return d;
    }

    public static Duration requireNotNegative(Duration d, String what, String queue) {
        if (d == null || d.isNegative()) {
            throw new InvalidArgumentException("The " + what + " for queue '" + queue + "' must be zero or positive, got " + d + ".");
        }
        return d;
    }

    public static int requireBatchSize(int n, String queue) {
        if (n < 1) {
            throw new InvalidArgumentException("The batch size for queue '" + queue + "' must be at least 1, got " + n + ".");
        }
        return n;
    }

    public static int requireMaxReadCount(int n, String queue) {
        if (n < 1) {
            throw new InvalidArgumentException("The max read count of queue '" + queue + "' must be at least 1, got " + n
                    + ". It is how many deliveries a message gets before it becomes a dead letter.");
        }
        return n;
    }
}
