package dev.pgqrs.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.Store;
import dev.pgqrs.quarkus.PgqrsIncomingMetadata;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Processing that outlives the visibility timeout keeps its lease: no second delivery. */
class LeaseExtensionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Slow.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.slow.queue", "lease-slow")
            .overrideConfigKey("mp.messaging.incoming.slow.visibility-timeout", "2")
            .overrideConfigKey("mp.messaging.incoming.slow.poll-interval", "100");

    @ApplicationScoped
    static class Slow {
        final List<PgqrsIncomingMetadata> deliveries = new CopyOnWriteArrayList<>();
        volatile boolean done;

        @Incoming("slow")
        @io.smallrye.common.annotation.Blocking
        java.util.concurrent.CompletionStage<Void> process(Message<String> m) throws InterruptedException {
            deliveries.add(m.getMetadata(PgqrsIncomingMetadata.class).orElseThrow());
            Thread.sleep(5_000); // two and a half visibility timeouts
            done = true;
            return m.ack();
        }

        List<PgqrsIncomingMetadata> deliveries() {
            return deliveries;
        }

        boolean done() {
            return done;
        }
    }

    @Inject
    Slow slow;

    @Test
    void leaseIsExtendedWhileProcessing() {
        try (Store store = TestDatabase.store()) {
            store.admin().createQueueIfNotExists("lease-slow");
            store.producer("lease-slow").send("\"take your time\"");
            await().atMost(Duration.ofSeconds(20)).until(slow::done);
            await().atMost(Duration.ofSeconds(5)).until(() -> store.admin().metrics("lease-slow").archived() == 1);
            assertThat(slow.deliveries()).hasSize(1);
            assertThat(slow.deliveries().get(0).readCount()).isEqualTo(1);
        }
    }
}
