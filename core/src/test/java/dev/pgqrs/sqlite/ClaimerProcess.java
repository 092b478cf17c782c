package dev.pgqrs.sqlite;

import dev.pgqrs.AckMode;
import dev.pgqrs.Consumer;
import dev.pgqrs.Message;
import dev.pgqrs.Store;
import dev.pgqrs.error.StoreBusyException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains a queue of a SQLite file, writing each claimed id to a file; run in a second JVM by
 * {@link SqliteTwoProcessTest} (and by that test in its own JVM). Retries a claim or an ack that
 * failed because the other process held the file's lock, and counts those failures.
 */
final class ClaimerProcess {
    private ClaimerProcess() {
    }

    /** Arguments: database file, queue, output file, start-signal file, busy timeout in ms. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (Store store = SqliteStore.builder().path(file)
                .busyTimeout(Duration.ofMillis(Long.parseLong(args[4]))).build(); PrintStream out = new PrintStream(
                Files.newOutputStream(Path.of(args[2])), true, StandardCharsets.UTF_8)) {
            System.out.println("READY");
            Path go = Path.of(args[3]);
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            AtomicInteger busy = new AtomicInteger();
            drain(store, args[1], out, busy);
            out.println("BUSY " + busy.get());
        }
    }

    static void drain(Store store, String queue, PrintStream out, AtomicInteger busy) throws InterruptedException {
        Consumer consumer = store.consumer(queue);
        int empty = 0;
        while (empty < 5) {
            List<Message> batch;
            try {
                batch = consumer.receive(10, Duration.ofMinutes(5));
            } catch (StoreBusyException e) {
                busy.incrementAndGet();
                continue;
            }
            if (batch.isEmpty()) {
                empty++;
                Thread.sleep(20);
                continue;
            }
            empty = 0;
            for (Message m : batch) {
                out.println(m.id());
            }
            while (true) {
                try {
                    if (!consumer.ackAll(batch.stream().map(Message::receipt).toList(), AckMode.ARCHIVE).allDone()) {
                        out.println("LOST-LEASE");
                    }
                    break;
                } catch (StoreBusyException e) {
                    busy.incrementAndGet();
                }
            }
        }
    }
}
