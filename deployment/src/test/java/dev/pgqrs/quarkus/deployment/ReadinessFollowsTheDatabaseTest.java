package dev.pgqrs.quarkus.deployment;

import static io.restassured.RestAssured.when;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.pgqrs.testing.TcpProxy;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A lost database turns readiness down (liveness stays up), and readiness comes back with the database. */
class ReadinessFollowsTheDatabaseTest {
    private static final int PROXY_PORT = TcpProxy.sharedPort(dev.pgqrs.testing.EmbeddedPostgres17.port());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", "postgresql://postgres@127.0.0.1:" + PROXY_PORT + "/postgres")
            .overrideConfigKey("mp.messaging.incoming.lossy.queue", "readiness-lossy")
            .overrideConfigKey("mp.messaging.incoming.lossy.poll-interval", "200");

    @ApplicationScoped
    static class Consumer {
        static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

        @Incoming("lossy")
        void consume(String s) {
            RECEIVED.add(s);
        }
    }

    @Test
    void readinessGoesDownWhileTheDatabaseIsGoneAndUpWhenItReturns() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(200));

        TcpProxy.cutShared();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(503)
                .body(containsString("lossy"), containsString("store unreachable")));
        when().get("/q/health/live").then().statusCode(200);

        TcpProxy.restoreShared();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(200));
    }
}
