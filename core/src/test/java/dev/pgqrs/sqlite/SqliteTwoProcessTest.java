package dev.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two JVM processes claim from one SQLite file at the same time. SQLite's file lock serialises their
 * writes and every claim is one atomic statement, so this must stay correct: every message delivered
 * exactly once, none lost, and a lock held too long surfaces only as a retryable busy error.
 */
class SqliteTwoProcessTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void twoProcessesDrainingOneFileDeliverEveryMessageExactlyOnce() throws Exception {
        drainFromTwoProcesses(Duration.ofSeconds(5));
    }

    /** With a 1 ms busy timeout the processes collide often: each collision must be a typed, retryable error. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void withATinyBusyTimeoutCollisionsAreRetryableErrorsAndStillNothingIsLostOrDoubled() throws Exception {
        drainFromTwoProcesses(Duration.ofMillis(1));
    }

    private void drainFromTwoProcesses(Duration busyTimeout) throws Exception {
        int total = 20_000;
        Path file = SqliteFixture.newFile("two-process");
        Path childOut = Path.of(file + ".child.txt");
        Path parentOut = Path.of(file + ".parent.txt");
        Path go = Path.of(file + ".go");
        try (Store store = SqliteStore.builder().path(file).busyTimeout(busyTimeout).build()) {
            store.admin().createQueue("shared");
            for (int start = 0; start < total; start += 1000) {
                store.producer("shared").sendBatch(IntStream.range(start, start + 1000)
                        .mapToObj(i -> OutgoingMessage.of("{\"n\":" + i + "}")).toList());
            }
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ClaimerProcess.class.getName(),
                    file.toString(), "shared", childOut.toString(), go.toString(),
                    Long.toString(busyTimeout.toMillis()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader childStdout = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(childStdout.readLine()).as("the second process opened the store").isEqualTo("READY");
                long started = System.nanoTime();
                Files.writeString(go, "go");
                AtomicInteger parentBusy = new AtomicInteger();
                try (PrintStream out = new PrintStream(Files.newOutputStream(parentOut), true, StandardCharsets.UTF_8)) {
                    ClaimerProcess.drain(store, "shared", out, parentBusy);
                }
                assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the second process finished").isTrue();
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(child.exitValue()).isZero();

                List<String> parentLines = Files.readAllLines(parentOut);
                List<String> childLines = Files.readAllLines(childOut);
                Map<Long, Integer> deliveries = new HashMap<>();
                List<String> anomalies = new ArrayList<>();
                int parentCount = count(parentLines, deliveries, anomalies);
                int childCount = count(childLines, deliveries, anomalies);
                String childBusy = childLines.get(childLines.size() - 1);
                System.out.printf("two processes on one SQLite file, busy timeout %d ms: %d messages in %d ms; parent claimed %d (busy errors %d), "
                        + "child claimed %d (%s)%n", busyTimeout.toMillis(), total, elapsedMs, parentCount, parentBusy.get(), childCount, childBusy);

                assertThat(anomalies).as("lost leases").isEmpty();
                assertThat(deliveries).hasSize(total);
                assertThat(deliveries.values()).as("deliveries per message").containsOnly(1);
                assertThat(parentCount).as("the parent took part").isPositive();
                assertThat(childCount).as("the child took part").isPositive();
                QueueMetrics m = store.admin().metrics("shared");
                assertThat(m.archived()).isEqualTo(total);
                assertThat(m.ready() + m.inFlight() + m.delayed() + m.dead()).isZero();
            } finally {
                child.destroy();
            }
        }
    }

    private static int count(List<String> lines, Map<Long, Integer> deliveries, List<String> anomalies) {
        int n = 0;
        for (String line : lines) {
            if (line.startsWith("BUSY")) {
                continue;
            }
            if (line.equals("LOST-LEASE")) {
                anomalies.add(line);
                continue;
            }
            deliveries.merge(Long.parseLong(line), 1, Integer::sum);
            n++;
        }
        return n;
    }
}
