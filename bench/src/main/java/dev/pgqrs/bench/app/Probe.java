package dev.pgqrs.bench.app;

import dev.pgqrs.bench.Latencies;
import dev.pgqrs.bench.Payloads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** What the consumer methods report: how many messages arrived, and, while measuring, their latency. */
@ApplicationScoped
public class Probe {
    private final AtomicLong seen = new AtomicLong();
    private volatile Latencies latencies;

    public void seen(String payload) {
        Latencies l = latencies;
        if (l != null) {
            l.add(System.nanoTime() - Payloads.sentNanos(payload));
        }
        seen.incrementAndGet();
    }

    public long count() {
        return seen.get();
    }

    public void measureLatency(Latencies into) {
        latencies = into;
    }
}
