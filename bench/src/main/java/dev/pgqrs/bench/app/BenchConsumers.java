package dev.pgqrs.bench.app;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The three consumer methods a user writes, doing nothing but counting. Each channel is bound to the
 * connector under test (in memory, RabbitMQ or pgqrs) by configuration, so every target runs the same code.
 */
@ApplicationScoped
public class BenchConsumers {

    @Inject
    Probe probe;

    /** A plain method: Quarkus runs it on a worker thread. */
    @Incoming("in-worker")
    public void worker(String payload) {
        probe.seen(payload);
    }

    @Incoming("in-nonblocking")
    @NonBlocking
    public void nonBlocking(String payload) {
        probe.seen(payload);
    }

    /** A batch method; Quarkus runs it on a worker thread. */
    @Incoming("in-batch")
    public void batch(List<String> payloads) {
        for (int i = 0; i < payloads.size(); i++) {
            probe.seen(payloads.get(i));
        }
    }
}
