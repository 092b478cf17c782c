package dev.pgqrs.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.Consumer;
import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Store;
import dev.pgqrs.quarkus.PgqrsIncomingMetadata;
import dev.pgqrs.quarkus.PgqrsOutgoingMetadata;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records as JSON, JsonObject, byte[], incoming and outgoing metadata, trace context through a pipeline. */
class MetadataAndPayloadTest {
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Order.class, App.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.connector.pgqrs.poll-interval", "100")
            .overrideConfigKey("mp.messaging.outgoing.orders-out.queue", "md-orders")
            .overrideConfigKey("mp.messaging.incoming.orders-in.queue", "md-orders")
            .overrideConfigKey("mp.messaging.outgoing.json-out.queue", "md-json")
            .overrideConfigKey("mp.messaging.incoming.json-in.queue", "md-json")
            .overrideConfigKey("mp.messaging.outgoing.bytes-out.queue", "md-bytes")
            .overrideConfigKey("mp.messaging.incoming.bytes-in.queue", "md-bytes")
            .overrideConfigKey("mp.messaging.outgoing.later.queue", "md-later")
            .overrideConfigKey("mp.messaging.outgoing.later.delay", "3600000")
            .overrideConfigKey("mp.messaging.incoming.pipe-in.queue", "md-pipe-in")
            .overrideConfigKey("mp.messaging.outgoing.pipe-out.queue", "md-pipe-out");

    public record Order(String id, int quantity) {
    }

    @ApplicationScoped
    static class App {
        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<PgqrsIncomingMetadata> metadata = new CopyOnWriteArrayList<>();
        final List<JsonObject> json = new CopyOnWriteArrayList<>();
        final List<byte[]> bytes = new CopyOnWriteArrayList<>();

        @Inject
        @Channel("orders-out")
        Emitter<Order> orderEmitter;

        @Inject
        @Channel("json-out")
        Emitter<JsonObject> jsonEmitter;

        @Inject
        @Channel("bytes-out")
        Emitter<byte[]> bytesEmitter;

        @Inject
        @Channel("later")
        Emitter<String> later;

        CompletionStage<Void> sendOrder(Order order, PgqrsOutgoingMetadata meta) {
            Message<Order> m = Message.of(order);
            if (meta != null) {
                m = m.addMetadata(meta);
            }
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            orderEmitter.send(m.withAck(() -> {
                done.complete(null);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }).withNack(t -> {
                done.completeExceptionally(t);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }));
            return done;
        }

        CompletionStage<Void> sendJson(JsonObject o) {
            return jsonEmitter.send(o);
        }

        CompletionStage<Void> sendBytes(byte[] b) {
            return bytesEmitter.send(b);
        }

        CompletionStage<Void> sendLater(String s) {
            return later.send(s);
        }

        List<Order> orders() {
            return orders;
        }

        List<PgqrsIncomingMetadata> metadata() {
            return metadata;
        }

        List<JsonObject> json() {
            return json;
        }

        List<byte[]> bytes() {
            return bytes;
        }

        @Incoming("orders-in")
        CompletionStage<Void> order(Message<Order> message) {
            orders.add(message.getPayload());
            metadata.add(message.getMetadata(PgqrsIncomingMetadata.class).orElseThrow());
            return message.ack();
        }

        @Incoming("json-in")
        void json(JsonObject o) {
            json.add(o);
        }

        @Incoming("bytes-in")
        void bytes(byte[] b) {
            bytes.add(b);
        }

        @Incoming("pipe-in")
        @Outgoing("pipe-out")
        String upper(String s) {
            return s.toUpperCase();
        }
    }

    @Inject
    App app;

    static Store store;

    @BeforeAll
    static void open() {
        store = TestDatabase.store();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void recordsTravelAsJsonWithHeadersAndMetadata() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        app.sendOrder(new Order("o-1", 3), PgqrsOutgoingMetadata.builder().traceparent(TRACEPARENT).header("tenant", "acme")
                .build()).toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(20)).until(() -> !app.orders().isEmpty());
        assertThat(app.orders()).containsExactly(new Order("o-1", 3));
        PgqrsIncomingMetadata meta = app.metadata().get(0);
        assertThat(meta.queue()).isEqualTo("md-orders");
        assertThat(meta.id()).isPositive();
        assertThat(meta.readCount()).isEqualTo(1);
        assertThat(meta.enqueuedAt()).isAfter(before);
        assertThat(meta.visibleUntil()).isAfter(meta.enqueuedAt());
        assertThat(meta.headers()).containsEntry("tenant", "acme");
        assertThat(meta.traceparent()).contains(TRACEPARENT);
        // The stored payload is plain JSON, readable by any pgqrs program.
        assertThat(store.admin().metrics("md-orders").archived()).isEqualTo(1);
    }

    @Test
    void outgoingMetadataSendsToAnotherQueueWithADelay() throws Exception {
        store.admin().createQueueIfNotExists("md-other");
        app.sendOrder(new Order("o-2", 1), PgqrsOutgoingMetadata.builder().queue("md-other").delay(Duration.ofHours(2))
                .build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        app.sendOrder(new Order("o-3", 1), PgqrsOutgoingMetadata.builder().queue("md-other")
                .deliverAt(Instant.now().plusSeconds(3600)).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(store.admin().metrics("md-other").delayed()).isEqualTo(2);
        assertThat(app.orders()).doesNotContain(new Order("o-2", 1), new Order("o-3", 1));
    }

    @Test
    void channelDelayAppliesToEveryMessage() throws Exception {
        app.sendLater("tomorrow").toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(store.admin().metrics("md-later").delayed()).isEqualTo(1);
    }

    @Test
    void jsonObjectAndBytes() throws Exception {
        app.sendJson(new JsonObject().put("a", 1).put("b", "two")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        app.sendBytes("raw bytes".getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> !app.json().isEmpty() && !app.bytes().isEmpty());
        assertThat(app.json().get(0)).isEqualTo(new JsonObject().put("a", 1).put("b", "two"));
        assertThat(new String(app.bytes().get(0), StandardCharsets.UTF_8)).isEqualTo("raw bytes");
    }

    @Test
    void traceContextFollowsAMessageThroughAProcessor() throws Exception {
        store.admin().createQueueIfNotExists("md-pipe-in");
        store.producer("md-pipe-in").send(OutgoingMessage.of("\"shout\"").withHeader("traceparent", TRACEPARENT));
        store.admin().createQueueIfNotExists("md-pipe-out");
        try (Consumer consumer = store.consumer("md-pipe-out")) {
            List<dev.pgqrs.Message> out = consumer.receive(1, Duration.ofSeconds(30), Duration.ofSeconds(20));
            assertThat(out).hasSize(1);
            assertThat(out.get(0).payload()).isEqualTo("\"SHOUT\"");
            assertThat(out.get(0).headers()).containsEntry("traceparent", TRACEPARENT);
        }
    }
}
