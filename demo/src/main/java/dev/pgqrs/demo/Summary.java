package dev.pgqrs.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The demo's result, printed as one line. */
public record Summary(String store, long orders, long sent, long processed, long deadLettered, List<Long> deadOrderIds,
        Duration elapsed) {

    public boolean complete() {
        return sent == orders && processed + deadLettered == sent;
    }

    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? sent / seconds : 0;
    }

    public String line() {
        return String.format(Locale.ROOT,
                "pgqrs demo: sent=%d processed=%d dead-lettered=%d elapsed=%.2fs throughput=%.0f msg/s store=%s%s",
                sent, processed, deadLettered, elapsed.toNanos() / 1e9, messagesPerSecond(), store,
                complete() ? "" : " INCOMPLETE (expected " + orders + " orders)");
    }
}
