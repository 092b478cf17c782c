package dev.pgqrs.bench.app;

import dev.pgqrs.bench.HeapPeak;
import dev.pgqrs.bench.Latencies;
import dev.pgqrs.bench.Payloads;
import dev.pgqrs.bench.Result;
import dev.pgqrs.bench.StatementCounter;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Runs benchmark phases inside the Quarkus application, then exits: drain (produce N through the
 * Emitter, which also fills the queue, then resume the paused consumer channel and time the drain),
 * steady (a fixed rate, latency from send to the consumer method) and idle (statements per second on
 * an empty queue). Prints {@link Result} lines for the launcher.
 */
@ApplicationScoped
public class BenchDriver {
    private static final int IN_FLIGHT = 1024;

    @ConfigProperty(name = "bench.target", defaultValue = "memory")
    String target;
    @ConfigProperty(name = "bench.store", defaultValue = "memory")
    String store;
    @ConfigProperty(name = "bench.kind", defaultValue = "nonblocking")
    String kind;
    @ConfigProperty(name = "bench.messages", defaultValue = "20000")
    int messages;
    @ConfigProperty(name = "bench.claimers", defaultValue = "0")
    int claimers;
    @ConfigProperty(name = "bench.batch", defaultValue = "100")
    int batch;
    @ConfigProperty(name = "bench.rate", defaultValue = "1000")
    int rate;
    @ConfigProperty(name = "bench.steady-seconds", defaultValue = "5")
    int steadySeconds;
    @ConfigProperty(name = "bench.warmup-seconds", defaultValue = "0")
    int warmupSeconds;
    @ConfigProperty(name = "bench.drain-timeout-seconds", defaultValue = "120")
    int drainTimeoutSeconds;
    @ConfigProperty(name = "bench.idle-seconds", defaultValue = "30")
    int idleSeconds;
    @ConfigProperty(name = "bench.idle-settle-seconds", defaultValue = "3")
    int idleSettleSeconds;
    /** Which phases this run does, in order: {@code drain}, {@code steady}, {@code idle}. */
    @ConfigProperty(name = "bench.phases", defaultValue = "drain,steady")
    String phases;
    @ConfigProperty(name = "bench.report-produce", defaultValue = "true")
    boolean reportProduce;
    @ConfigProperty(name = "bench.statements.jdbc-url", defaultValue = "none")
    String statementsUrl;
    @ConfigProperty(name = "bench.statements.user", defaultValue = "postgres")
    String statementsUser;
    @ConfigProperty(name = "bench.statements.password", defaultValue = "postgres")
    String statementsPassword;

    @Inject
    Probe probe;

    @Inject
    ChannelRegistry channels;
    @Inject
    @Any
    Instance<InMemoryConnector> memory;
    @Inject
    @Channel("out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2 * IN_FLIGHT)
    Emitter<String> out;

    void start(@Observes StartupEvent event) {
        Thread t = new Thread(() -> {
            int exit = 0;
            try {
                run();
            } catch (Throwable e) {
                System.out.println("# benchmark failed: " + e);
                e.printStackTrace(System.out);
                exit = 1;
            }
            Quarkus.asyncExit(exit);
        }, "bench-driver");
        t.start();
    }

    private boolean inMemory() {
        return target.equals("memory");
    }

    private void run() throws Exception {
        List<Result> results = new ArrayList<>();
        List<String> phases = List.of(this.phases.split(","));
        if (phases.contains("drain")) {
            drain(results);
        } else {
            // No drain: start consuming at once on the (empty) queue.
            channels.getPausable("in-" + kind).resume();
        }
        if (phases.contains("steady")) {
            // Let earlier garbage go and the pollers settle, so the steady phase measures itself.
            System.gc();
            Thread.sleep(1000);
            results.add(steady());
        }
        if (phases.contains("idle")) {
            results.add(idle());
        }
        for (Result r : results) {
            System.out.println(r.line());
        }
    }

    /** Produce N through the Emitter (which also fills the queue), then resume the paused consumer and time the drain. */
    private void drain(List<Result> results) throws Exception {
        String channel = "in-" + kind;
        double produced = produce();
        if (reportProduce) {
            results.add(Result.throughput(store, "connector", "emitter", "drain-produce", produced));
        }
        if (inMemory()) {
            fillMemorySource(channel);
        }
        StatementCounter profiler = statementsUrl.equals("none") ? null
                : new StatementCounter(statementsUrl, statementsUser, statementsPassword);
        if (profiler != null) {
            profiler.resetStatistics();
        }
        HeapPeak.reset();
        long before = probe.count();
        long start = System.nanoTime();
        channels.getPausable(channel).resume();
        boolean complete = awaitCount(before + messages, TimeUnit.SECONDS.toNanos(drainTimeoutSeconds));
        double consumed = (probe.count() - before) / ((System.nanoTime() - start) / 1e9);
        Result drained = Result.throughput(store, "connector", kind, "drain-consume", consumed).with("batch", batch);
        if (claimers > 0) {
            drained.with("claimers", claimers);
        }
        drained.with("heap_peak_mb", HeapPeak.peakMegabytes());
        if (!complete) {
            drained.with("incomplete", (probe.count() - before) + "_of_" + messages + "_in_" + drainTimeoutSeconds + "s");
        }
        results.add(drained);
        if (profiler != null) {
            for (String line : profiler.top(3)) {
                System.out.println("# profile: " + store + " connector " + kind + " drain-consume: " + line);
            }
            profiler.close();
        }
    }

    /** Sends N messages through the Emitter with at most {@value #IN_FLIGHT} unacknowledged; messages per second. */
    private double produce() throws InterruptedException {
        Semaphore permits = new Semaphore(IN_FLIGHT);
        InMemorySink<?> sink = inMemory() ? memory.get().sink("out") : null;
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            permits.acquire();
            out.send(outgoing(Payloads.json(i, System.nanoTime()), permits));
            if (sink != null && i % 10_000 == 0) {
                sink.clear();
            }
        }
        permits.acquire(IN_FLIGHT);
        double rate = messages / ((System.nanoTime() - start) / 1e9);
        if (sink != null) {
            sink.clear();
        }
        return rate;
    }

    private Message<String> outgoing(String payload, Semaphore permits) {
        Metadata metadata = target.equals("rabbitmq")
                ? Metadata.of(OutgoingRabbitMQMetadata.builder().withDeliveryMode(2).build()) // persistent
                : Metadata.empty();
        return Message.of(payload, metadata, () -> {
            permits.release();
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            permits.release();
            System.out.println("# send failed: " + failure);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** The in-memory connector has no queue: the drain's messages go straight into the source, in batches for the batch method. */
    private void fillMemorySource(String channel) {
        InMemorySource<Object> source = memory.get().source(channel);
        if (kind.equals("batch")) {
            for (int i = 0; i < messages; i += batch) {
                List<String> list = new ArrayList<>(batch);
                for (int j = i; j < Math.min(messages, i + batch); j++) {
                    list.add(Payloads.json(j, System.nanoTime()));
                }
                source.send(list);
            }
        } else {
            for (int i = 0; i < messages; i++) {
                source.send(Payloads.json(i, System.nanoTime()));
            }
        }
    }

    private Result steady() throws Exception {
        // The same schedule, unmeasured, first: a fresh application's first seconds measure the JIT compiler.
        long warmed = probe.count() + (long) rate * warmupSeconds;
        paced(rate * warmupSeconds);
        awaitCount(warmed, TimeUnit.SECONDS.toNanos(10));
        int total = rate * steadySeconds;
        Latencies latencies = new Latencies(total);
        long before = probe.count();
        probe.measureLatency(latencies);
        double seconds = paced(total);
        awaitCount(before + total, TimeUnit.SECONDS.toNanos(10));
        probe.measureLatency(null);
        return new Result(store, "connector", kind, "steady", total / seconds, latencies.p50(), latencies.p99(), latencies.max())
                .with("target_rate", rate).with("received", probe.count() - before).with("warmup_s", warmupSeconds);
    }

    /** Sends {@code total} messages at the steady rate; returns the seconds it took. */
    private double paced(int total) throws InterruptedException {
        InMemorySource<Object> source = inMemory() ? memory.get().source("in-" + kind) : null;
        Semaphore permits = new Semaphore(IN_FLIGHT);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            dev.pgqrs.bench.CoreScenarios.pace(start + i * interval);
            String payload = Payloads.json(i, System.nanoTime());
            if (source != null) {
                source.send(kind.equals("batch") ? List.of(payload) : payload);
            } else {
                permits.acquire();
                out.send(outgoing(payload, permits));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private Result idle() throws Exception {
        Thread.sleep(idleSettleSeconds * 1000L);
        Result r = Result.throughput(store, "connector", kind, "idle", 0);
        if (statementsUrl.equals("none")) {
            Thread.sleep(idleSeconds * 1000L);
            return r.with("stmts_per_s", "-").with("counted_by", "not_available_for_this_store");
        }
        try (StatementCounter counter = new StatementCounter(statementsUrl, statementsUser, statementsPassword)) {
            double perSecond = counter.perSecond(() -> {
                try {
                    Thread.sleep(idleSeconds * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return r.with("stmts_per_s", Result.fmt(perSecond, 2)).with("counted_by", counter.method())
                    .with("seconds", idleSeconds);
        }
    }

    /** Waits until the consumers have seen {@code target} messages in all; false on timeout. */
    private boolean awaitCount(long target, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (probe.count() < target && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (probe.count() < target) {
            System.out.println("# timed out waiting for messages: " + probe.count() + " of " + target);
            return false;
        }
        return true;
    }
}
