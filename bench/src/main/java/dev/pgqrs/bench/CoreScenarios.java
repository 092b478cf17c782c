package dev.pgqrs.bench;

import dev.pgqrs.AckMode;
import dev.pgqrs.AckedAndReceived;
import dev.pgqrs.Consumer;
import dev.pgqrs.Message;
import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Producer;
import dev.pgqrs.Receipt;
import dev.pgqrs.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three scenarios through the core API, on any store: drain, steady and idle. Consumers are
 * hand-written loops ({@code consumer=loop}): each call acknowledges the previous batch and claims the
 * next ({@code Consumer.ackAndReceive}), so a batch costs one commit.
 */
public final class CoreScenarios {
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private static final int SENDERS = 4;

    private final String storeName;
    private final Settings settings;

    public CoreScenarios(String storeName, Settings settings) {
        this.storeName = storeName;
        this.settings = settings;
    }

    /** Prefills with batch enqueues (the produce figure), then drains with C consumers at batch B. */
    public List<Result> drain(Store store, String queue, StatementCounter counter, List<String> profile) throws Exception {
        store.admin().createQueueIfNotExists(queue);
        store.admin().purgeQueue(queue);
        int n = settings.messages();
        int b = settings.batch();
        Producer producer = store.producer(queue);
        long start = System.nanoTime();
        List<OutgoingMessage> batch = new ArrayList<>(b);
        for (int sent = 0; sent < n; ) {
            batch.clear();
            int size = Math.min(b, n - sent);
            for (int i = 0; i < size; i++) {
                batch.add(OutgoingMessage.of(Payloads.json(sent + i, System.nanoTime())));
            }
            producer.sendBatch(batch);
            sent += size;
        }
        double produced = n / ((System.nanoTime() - start) / 1e9);

        if (counter != null) {
            counter.resetStatistics();
        }
        HeapPeak.reset();
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainTimeoutSeconds());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < settings.consumers(); t++) {
            tasks.add(() -> {
                try (Consumer consumer = store.consumer(queue)) {
                    // Each batch is acknowledged together with the claim of the next one.
                    List<Receipt> held = List.of();
                    while (done.get() < n && System.nanoTime() < deadline) {
                        AckedAndReceived step = consumer.ackAndReceive(held, AckMode.DELETE, b, VISIBILITY);
                        done.addAndGet(step.acked().done().size());
                        held = receipts(step.messages());
                    }
                    done.addAndGet(consumer.ackAll(held, AckMode.DELETE).done().size());
                }
                return null;
            });
        }
        start = System.nanoTime();
        runAll(tasks);
        double consumed = done.get() / ((System.nanoTime() - start) / 1e9);
        long heap = HeapPeak.peakMegabytes();
        if (counter != null) {
            for (String line : counter.top(4)) {
                profile.add(storeName + " core drain-consume: " + line);
            }
        }
        Result drained = Result.throughput(storeName, "core", "loop", "drain-consume", consumed).with("batch", b)
                .with("consumers", settings.consumers()).with("heap_peak_mb", heap);
        if (done.get() < n) {
            drained.with("incomplete", done.get() + "_of_" + n + "_in_" + settings.drainTimeoutSeconds() + "s");
        }
        return List.of(Result.throughput(storeName, "core", "producer", "drain-produce", produced).with("batch", b), drained);
    }

    /** One message per send at a fixed rate while C consumers wait for wake-ups; latency from send to delivery. */
    public Result steady(Store store, String queue) throws Exception {
        store.admin().createQueueIfNotExists(queue);
        store.admin().purgeQueue(queue);
        int rate = settings.steadyRate();
        int total = rate * settings.steadySeconds();
        Latencies latencies = new Latencies(total);
        AtomicLong received = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(settings.consumers());
        List<Future<?>> consumers = new ArrayList<>();
        for (int t = 0; t < settings.consumers(); t++) {
            consumers.add(pool.submit(() -> {
                try (Consumer consumer = store.consumer(queue)) {
                    List<Receipt> held = List.of();
                    while (!stop.get()) {
                        List<Message> messages = consumer.ackAndReceive(held, AckMode.DELETE, settings.batch(), VISIBILITY,
                                Duration.ofMillis(200)).messages();
                        long now = System.nanoTime();
                        for (Message m : messages) {
                            latencies.add(now - Payloads.sentNanos(m.payload()));
                        }
                        held = receipts(messages);
                        received.addAndGet(messages.size());
                    }
                    consumer.ackAll(held, AckMode.DELETE);
                }
                return null;
            }));
        }
        Thread.sleep(1_000); // consumers settle into waiting for wake-ups
        // Several senders share the schedule, so one slow commit does not hold back the messages due after it.
        Producer producer = store.producer(queue);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        List<Callable<Void>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int first = s;
            senders.add(() -> {
                for (int i = first; i < total; i += SENDERS) {
                    pace(start + i * interval);
                    producer.send(Payloads.json(i, System.nanoTime()));
                }
                return null;
            });
        }
        runAll(senders);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        stop.set(true);
        for (Future<?> f : consumers) {
            f.get();
        }
        pool.shutdown();
        return new Result(storeName, "core", "loop", "steady", total / sendSeconds, latencies.p50(), latencies.p99(),
                latencies.max()).with("target_rate", rate).with("received", received.get());
    }

    /**
     * One consumer waits on an empty queue; counts the statements it causes per second once the
     * backoff has settled. {@code counter} is the database's own count (PostgreSQL) or null.
     */
    public Result idle(CountingStore store, String queue, StatementCounter counter) throws Exception {
        store.admin().createQueueIfNotExists(queue);
        store.admin().purgeQueue(queue);
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumerThread = new Thread(() -> {
            try (Consumer consumer = store.consumer(queue)) {
                while (!stop.get()) {
                    consumer.receive(settings.batch(), VISIBILITY, Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "idle-consumer");
        consumerThread.start();
        Thread.sleep(settings.idleSettleSeconds() * 1000L);
        long callsBefore = store.calls();
        long dbBefore = counter == null ? 0 : counter.read();
        long start = System.nanoTime();
        Thread.sleep(settings.idleSeconds() * 1000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        long dbAfter = counter == null ? 0 : counter.read();
        double apiCalls = (store.calls() - callsBefore) / seconds;
        stop.set(true);
        consumerThread.join(10_000);
        Result r = Result.throughput(storeName, "core", "loop", "idle", 0);
        if (counter != null) {
            r.with("stmts_per_s", Result.fmt((dbAfter - dbBefore) / seconds, 2)).with("counted_by", counter.method());
        } else {
            r.with("stmts_per_s", Result.fmt(apiCalls, 2)).with("counted_by", "message_store_calls");
        }
        return r.with("store_calls_per_s", Result.fmt(apiCalls, 2)).with("seconds", Math.round(seconds));
    }

    private static List<Receipt> receipts(List<Message> messages) {
        List<Receipt> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            out.add(m.receipt());
        }
        return out;
    }

    /** Waits until {@code dueNanos}: sleeps most of the way, spins the last fraction of a millisecond. */
    public static void pace(long dueNanos) throws InterruptedException {
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            if (wait > 200_000) {
                TimeUnit.NANOSECONDS.sleep(wait - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    static void runAll(List<Callable<Void>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
