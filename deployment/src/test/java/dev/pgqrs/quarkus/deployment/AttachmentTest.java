package dev.pgqrs.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Channels attach to pgqrs without any connector= line, and messages go through PostgreSQL. */
class AttachmentTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Greeter.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.outgoing.greetings-out.queue", "attach-greetings")
            .overrideConfigKey("mp.messaging.incoming.greetings.queue", "attach-greetings");

    @ApplicationScoped
    static class Greeter {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Inject
        @Channel("greetings-out")
        Emitter<String> emitter;

        java.util.concurrent.CompletionStage<Void> send(String greeting) {
            return emitter.send(greeting);
        }

        List<String> received() {
            return received;
        }

        @Incoming("greetings")
        void receive(String greeting) {
            received.add(greeting);
        }
    }

    @Inject
    Greeter greeter;

    @Test
    void sendsAndReceivesThroughTheDatabase() throws Exception {
        greeter.send("hello").toCompletableFuture().get(10, TimeUnit.SECONDS);
        greeter.send("world").toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(20)).until(() -> greeter.received().size() == 2);
        assertThat(greeter.received()).containsExactlyInAnyOrder("hello", "world");
        try (Store store = TestDatabase.store()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                QueueMetrics m = store.admin().metrics("attach-greetings");
                assertThat(m.archived()).isEqualTo(2);
                assertThat(m.ready() + m.inFlight()).isZero();
            });
        }
    }
}
