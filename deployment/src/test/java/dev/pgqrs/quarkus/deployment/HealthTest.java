package dev.pgqrs.quarkus.deployment;

import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readiness and liveness per channel, with the store's concurrency model; failure-strategy=fail stops a channel. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumers.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.steady.queue", "health-steady")
            .overrideConfigKey("mp.messaging.incoming.fragile.queue", "health-fragile")
            .overrideConfigKey("mp.messaging.incoming.fragile.failure-strategy", "fail");

    @ApplicationScoped
    static class Consumers {
        @Incoming("steady")
        void steady(String s) {
        }

        @Incoming("fragile")
        void fragile(String s) {
            throw new IllegalArgumentException("cannot handle " + s);
        }
    }

    @Test
    @Order(1)
    void readyWithStoreDetails() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("steady"), containsString("fragile"),
                        containsString("store postgres, MULTI_PROCESS, capabilities skip-locked,multi-process")));
        when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    @Order(2)
    void failStrategyStopsTheChannelAndLivenessReportsIt() {
        try (Store store = TestDatabase.store()) {
            store.admin().createQueueIfNotExists("health-fragile");
            store.producer("health-fragile").send("\"poison\"");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> when().get("/q/health/live").then().statusCode(503)
                    .body(containsString("fragile"), containsString("cannot handle poison")));
            when().get("/q/health/ready").then().statusCode(503);
            // The failing message went back to the queue for a later (or another) consumer.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                QueueMetrics m = store.admin().metrics("health-fragile");
                assertThat(m.inFlight()).isZero();
                assertThat(m.ready()).isEqualTo(1);
            });
        }
    }
}
