package dev.pgqrs.quarkus.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several claiming threads on one channel: a backlog is drained by all of them, every message is
 * processed once, and max-inflight still bounds what is claimed and not yet settled.
 */
class ClaimersTest {
    static final int MESSAGES = 600;
    static final int MAX_INFLIGHT = 12;
    static final Pattern IN_FLIGHT = Pattern.compile("queue 'claimers-parcels', (\\d+) in flight");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Parcels.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.parcels.queue", "claimers-parcels")
            .overrideConfigKey("mp.messaging.incoming.parcels.claimers", "3")
            .overrideConfigKey("mp.messaging.incoming.parcels.batch-size", "5")
            .overrideConfigKey("mp.messaging.incoming.parcels.max-inflight", String.valueOf(MAX_INFLIGHT))
            .overrideConfigKey("mp.messaging.incoming.parcels.poll-interval", "100");

    @ApplicationScoped
    static class Parcels {
        final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        final Set<String> claimingThreads = ConcurrentHashMap.newKeySet();

        @Incoming("parcels")
        void parcel(String parcel) throws InterruptedException {
            seen.computeIfAbsent(parcel, p -> new AtomicInteger()).incrementAndGet();
            Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(name -> name.startsWith("pgqrs-poll-parcels")).forEach(claimingThreads::add);
            Thread.sleep(1);
        }

        Map<String, AtomicInteger> seen() {
            return seen;
        }

        Set<String> claimingThreads() {
            return claimingThreads;
        }
    }

    @Inject
    Parcels parcels;

    @Test
    void aBacklogIsDrainedByEveryClaimerAndEachMessageIsProcessedOnce() {
        try (Store store = TestDatabase.store()) {
            store.admin().createQueueIfNotExists("claimers-parcels");
            List<OutgoingMessage> batch = IntStream.range(0, MESSAGES).mapToObj(i -> OutgoingMessage.of("\"p" + i + "\"")).toList();
            store.producer("claimers-parcels").sendBatch(batch);

            // The channel's own count, as readiness reports it: the database also counts messages whose ack
            // is queued but not yet written, which max-inflight does not hold back.
            AtomicInteger mostInFlight = new AtomicInteger();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
                Matcher inFlight = IN_FLIGHT.matcher(when().get("/q/health/ready").then().extract().asString());
                while (inFlight.find()) {
                    mostInFlight.accumulateAndGet(Integer.parseInt(inFlight.group(1)), Math::max);
                }
                QueueMetrics m = store.admin().metrics("claimers-parcels");
                assertThat(m.archived()).isEqualTo(MESSAGES);
            });

            assertThat(parcels.seen()).hasSize(MESSAGES);
            assertThat(parcels.seen().entrySet().stream().filter(e -> e.getValue().get() != 1).map(Map.Entry::getKey)
                    .collect(Collectors.toList())).as("messages processed more than once").isEmpty();
            assertThat(parcels.claimingThreads()).containsExactlyInAnyOrder("pgqrs-poll-parcels", "pgqrs-poll-parcels-1",
                    "pgqrs-poll-parcels-2");
            assertThat(mostInFlight.get()).isPositive().isLessThanOrEqualTo(MAX_INFLIGHT);
        }
    }
}
