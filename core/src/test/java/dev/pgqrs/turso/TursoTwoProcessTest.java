package dev.pgqrs.turso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgqrs.ConcurrencyModel;
import dev.pgqrs.Consumer;
import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import dev.pgqrs.internal.Stmt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two JVM processes consume one queue on one tursodb server at the same time. Every message must be
 * delivered exactly once: this is what lets the Turso store report MULTI_PROCESS.
 */
class TursoTwoProcessTest {
    private static final int MESSAGES = 2000;
    private static final int BATCH = 10;

    @Test
    void twoProcessesConsumingOneQueueNeverReceiveTheSameMessage() throws Exception {
        try (TursoServer server = TursoServer.start(); Store store = TursoStore.builder().url(server.libsqlUrl()).build()) {
            assertThat(store.concurrencyModel()).isEqualTo(ConcurrencyModel.MULTI_PROCESS);
            store.admin().createQueue("shared");
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                batch.add(OutgoingMessage.of("{\"n\":" + i + "}"));
            }
            Set<Long> enqueued = new HashSet<>(store.producer("shared").sendBatch(batch));

            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    TursoConsumerProcess.class.getName(), server.libsqlUrl(), "shared", String.valueOf(BATCH))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            List<Long> childIds = Collections.synchronizedList(new ArrayList<>());
            List<String> childOther = Collections.synchronizedList(new ArrayList<>());
            Object ready = new Object();
            boolean[] isReady = {false};
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.equals("READY")) {
                            synchronized (ready) {
                                isReady[0] = true;
                                ready.notifyAll();
                            }
                        } else if (line.startsWith("ID ")) {
                            childIds.add(Long.parseLong(line.substring(3)));
                        } else {
                            childOther.add(line);
                        }
                    }
                } catch (java.io.IOException e) {
                    childOther.add("read failed: " + e);
                }
            });
            reader.start();
            List<Long> parentIds = new ArrayList<>();
            try {
                synchronized (ready) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!isReady[0] && child.isAlive() && System.nanoTime() < deadline) {
                        ready.wait(100);
                    }
                }
                assertThat(isReady[0]).as("the second process connected; its other output: %s", childOther).isTrue();
                try (Consumer consumer = store.consumer("shared")) {
                    TursoConsumerProcess.consume(consumer, BATCH, parentIds::add);
                }
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                reader.join(10_000);
            } finally {
                child.destroyForcibly();
            }
            assertThat(child.exitValue()).as("second process exit code; its output: %s", childOther).isZero();

            Map<Long, Integer> deliveries = new HashMap<>();
            parentIds.forEach(id -> deliveries.merge(id, 1, Integer::sum));
            childIds.forEach(id -> deliveries.merge(id, 1, Integer::sum));
            List<Long> twice = deliveries.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            System.out.printf("two-process test: %d messages, this process %d, the other process %d, delivered twice: %d%n",
                    MESSAGES, parentIds.size(), childIds.size(), twice.size());

            assertThat(twice).as("messages delivered to more than one consumer").isEmpty();
            assertThat(deliveries.keySet()).isEqualTo(enqueued);
            // Both processes really competed for the queue.
            assertThat(parentIds).isNotEmpty();
            assertThat(childIds).isNotEmpty();
            QueueMetrics m = store.admin().metrics("shared");
            assertThat(m.archived()).isEqualTo(MESSAGES);
            assertThat(m.ready() + m.inFlight() + m.delayed() + m.dead()).isZero();
            HranaClient sql = new HranaClient(TursoUrl.parse(server.libsqlUrl(), null), Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(sql.execute("count redeliveries", Stmt.of("SELECT count(*) FROM pgqrs_messages WHERE read_ct <> 1")).getLong(0, 0))
                    .isZero();
            assertThat(IntStream.of(parentIds.size(), childIds.size()).sum()).isEqualTo(MESSAGES);
        }
    }
}
