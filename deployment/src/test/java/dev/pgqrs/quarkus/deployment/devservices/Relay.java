package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Sends through relay-out and receives from relay-in; the tests point both at one queue. */
@ApplicationScoped
public class Relay {
    final List<String> received = new CopyOnWriteArrayList<>();

    @Inject
    @Channel("relay-out")
    Emitter<String> emitter;

    /** A method, not the field: the injected reference is a client proxy with fields of its own. */
    List<String> received() {
        return received;
    }

    CompletionStage<Void> send(String text) {
        return emitter.send(text);
    }

    /** Sends two messages through the store the test got and asserts both come back. */
    void assertMessagesFlow() throws Exception {
        send("one").toCompletableFuture().get(10, TimeUnit.SECONDS);
        send("two").toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> received().size() == 2);
        assertThat(received()).containsExactlyInAnyOrder("one", "two");
    }

    @Incoming("relay-in")
    void receive(String text) {
        received.add(text);
    }
}
