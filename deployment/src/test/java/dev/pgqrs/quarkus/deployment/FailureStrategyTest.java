package dev.pgqrs.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.DeadLetter;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import dev.pgqrs.quarkus.PgqrsFailure;
import dev.pgqrs.quarkus.PgqrsFailureHandler;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** retry (with dead-lettering at max-read-count), dead-letter, ignore, a custom strategy, and ack-mode=delete. */
class FailureStrategyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumers.class, Park.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.connector.pgqrs.poll-interval", "100")
            .overrideConfigKey("mp.messaging.incoming.retrying.queue", "fs-retry")
            .overrideConfigKey("mp.messaging.incoming.retrying.max-read-count", "3")
            .overrideConfigKey("mp.messaging.incoming.retrying.retry-delay", "50")
            .overrideConfigKey("mp.messaging.incoming.dead-lettering.queue", "fs-dead")
            .overrideConfigKey("mp.messaging.incoming.dead-lettering.failure-strategy", "dead-letter")
            .overrideConfigKey("mp.messaging.incoming.ignoring.queue", "fs-ignore")
            .overrideConfigKey("mp.messaging.incoming.ignoring.failure-strategy", "ignore")
            .overrideConfigKey("mp.messaging.incoming.parking.queue", "fs-park")
            .overrideConfigKey("mp.messaging.incoming.parking.failure-strategy", "park")
            .overrideConfigKey("mp.messaging.incoming.deleting.queue", "fs-delete")
            .overrideConfigKey("mp.messaging.incoming.deleting.ack-mode", "delete");

    static Store store;

    @BeforeAll
    static void seed() {
        store = TestDatabase.store();
        for (String q : List.of("fs-retry", "fs-dead", "fs-ignore", "fs-park", "fs-delete")) {
            store.admin().createQueueIfNotExists(q);
            store.producer(q).send("\"" + q + "\"");
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @ApplicationScoped
    static class Consumers {
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        int attempts(String channel) {
            return attempts.computeIfAbsent(channel, c -> new AtomicInteger()).get();
        }

        private void fail(String channel) {
            attempts.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("boom in " + channel);
        }

        @Incoming("retrying")
        void retrying(String payload) {
            fail("retrying");
        }

        @Incoming("dead-lettering")
        void deadLettering(String payload) {
            fail("dead-lettering");
        }

        @Incoming("ignoring")
        void ignoring(String payload) {
            fail("ignoring");
        }

        @Incoming("parking")
        void parking(String payload) {
            fail("parking");
        }

        @Incoming("deleting")
        void deleting(String payload) {
            attempts.computeIfAbsent("deleting", c -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** A custom strategy: put the message aside for an hour. */
    @ApplicationScoped
    @Identifier("park")
    static class Park implements PgqrsFailureHandler {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletionStage<Void> handle(PgqrsFailure failure) {
            calls.incrementAndGet();
            return failure.retry(Duration.ofHours(1));
        }

        int calls() {
            return calls.get();
        }
    }

    @Inject
    Consumers consumers;

    @Inject
    @Identifier("park")
    Park park;

    @Test
    void retryReleasesWithBackoffAndDeadLettersAtMaxReadCount() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<DeadLetter> dead = store.admin().deadLetters("fs-retry", 10);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).readCount()).isEqualTo(3);
            assertThat(dead.get(0).reason()).contains("boom in retrying").contains("IllegalStateException");
        });
        assertThat(consumers.attempts("retrying")).isEqualTo(3);
        assertThat(store.admin().queue("fs-retry").maxReadCount()).isEqualTo(3);
    }

    @Test
    void deadLetterStrategyDeadLettersAtOnce() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<DeadLetter> dead = store.admin().deadLetters("fs-dead", 10);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).readCount()).isEqualTo(1);
            assertThat(dead.get(0).reason()).contains("boom in dead-lettering");
        });
        assertThat(consumers.attempts("dead-lettering")).isEqualTo(1);
    }

    @Test
    void ignoreStrategyAcknowledges() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            QueueMetrics m = store.admin().metrics("fs-ignore");
            assertThat(m.archived()).isEqualTo(1);
            assertThat(m.dead()).isZero();
        });
        assertThat(consumers.attempts("ignoring")).isEqualTo(1);
    }

    @Test
    void customStrategyChosenByIdentifier() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            QueueMetrics m = store.admin().metrics("fs-park");
            assertThat(m.delayed()).isEqualTo(1);
            assertThat(m.inFlight()).isZero();
        });
        assertThat(park.calls()).isEqualTo(1);
    }

    @Test
    void ackModeDeleteRemovesTheRow() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            QueueMetrics m = store.admin().metrics("fs-delete");
            assertThat(consumers.attempts("deleting")).isEqualTo(1);
            assertThat(m.archived() + m.ready() + m.inFlight() + m.delayed() + m.dead()).isZero();
        });
    }
}
