package dev.pgqrs.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At shutdown the channel stops claiming, lets the message in progress finish and hands the rest
 * back: afterwards nothing is left in flight, so another instance could take them at once.
 */
class ShutdownTest {
    static final String QUEUE = "shutdown-slow";
    static final AtomicInteger FINISHED = new AtomicInteger();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Slow.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.slow.queue", QUEUE)
            .overrideConfigKey("mp.messaging.incoming.slow.batch-size", "10")
            .overrideConfigKey("mp.messaging.incoming.slow.visibility-timeout", "300")
            .setAfterUndeployListener(ShutdownTest::nothingLeftInFlight);

    @ApplicationScoped
    static class Slow {
        final AtomicInteger started = new AtomicInteger();

        @Incoming("slow")
        void process(String payload) throws InterruptedException {
            started.incrementAndGet();
            Thread.sleep(1_000);
            System.setProperty("pgqrs.test.shutdown.finished", Integer.toString(
                    Integer.getInteger("pgqrs.test.shutdown.finished", 0) + 1));
        }

        int started() {
            return started.get();
        }
    }

    @Inject
    Slow slow;

    @Test
    void stopsWhileMessagesAreWaiting() {
        try (Store store = TestDatabase.store()) {
            store.admin().createQueueIfNotExists(QUEUE);
            store.producer(QUEUE).sendBatch(IntStream.range(0, 10).mapToObj(i -> OutgoingMessage.of(Integer.toString(i))).toList());
            await().atMost(Duration.ofSeconds(20)).until(() -> slow.started() >= 1);
        }
    }

    static void nothingLeftInFlight() {
        try (Store store = TestDatabase.store()) {
            QueueMetrics m = store.admin().metrics(QUEUE);
            int finished = Integer.getInteger("pgqrs.test.shutdown.finished", 0);
            assertThat(m.inFlight()).as("messages still leased after shutdown").isZero();
            assertThat(m.archived()).as("acknowledged = finished").isEqualTo(finished);
            assertThat(m.ready()).as("handed back").isEqualTo(10 - finished);
            assertThat(finished).isBetween(1, 9);
        }
    }
}
