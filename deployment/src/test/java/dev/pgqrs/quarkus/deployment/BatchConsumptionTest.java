package dev.pgqrs.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Store;
import dev.pgqrs.quarkus.PgqrsIncomingBatchMetadata;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A method taking List<T> or Message<List<T>> gets batches without any batch=true line. */
class BatchConsumptionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Item.class, Batches.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.items.queue", "batch-items")
            .overrideConfigKey("mp.messaging.incoming.items.batch-size", "5")
            .overrideConfigKey("mp.messaging.incoming.words.queue", "batch-words")
            .overrideConfigKey("mp.messaging.incoming.words.batch-size", "4");

    public record Item(int n) {
    }

    @ApplicationScoped
    static class Batches {
        final List<List<Item>> items = new CopyOnWriteArrayList<>();
        final List<Integer> wordBatchSizes = new CopyOnWriteArrayList<>();
        final List<String> words = new CopyOnWriteArrayList<>();

        @Incoming("items")
        void items(List<Item> batch) {
            items.add(batch);
        }

        @Incoming("words")
        CompletionStage<Void> words(Message<List<String>> batch) {
            PgqrsIncomingBatchMetadata meta = batch.getMetadata(PgqrsIncomingBatchMetadata.class).orElseThrow();
            if (meta.messages().size() != batch.getPayload().size()) {
                throw new IllegalStateException("metadata and payload differ in size");
            }
            wordBatchSizes.add(batch.getPayload().size());
            words.addAll(batch.getPayload());
            return batch.ack();
        }

        List<List<Item>> items() {
            return items;
        }

        List<Integer> wordBatchSizes() {
            return wordBatchSizes;
        }

        List<String> words() {
            return words;
        }
    }

    @Inject
    Batches batches;

    @Test
    void listConsumersReceiveBatchesAndAckThemAll() {
        try (Store store = TestDatabase.store()) {
            store.admin().createQueueIfNotExists("batch-items");
            store.admin().createQueueIfNotExists("batch-words");
            store.producer("batch-items").sendBatch(IntStream.range(0, 12)
                    .mapToObj(i -> OutgoingMessage.of("{\"n\":" + i + "}")).toList());
            store.producer("batch-words").sendBatch(IntStream.range(0, 10)
                    .mapToObj(i -> OutgoingMessage.of("\"w" + i + "\"")).toList());

            await().atMost(Duration.ofSeconds(20)).until(() -> batches.items().stream().mapToInt(List::size).sum() == 12
                    && batches.words().size() == 10);
            List<Item> all = new ArrayList<>();
            batches.items().forEach(all::addAll);
            assertThat(all).extracting(Item::n).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 12).boxed().toList());
            assertThat(batches.items()).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 5));
            assertThat(batches.items()).anySatisfy(b -> assertThat(b.size()).isGreaterThan(1));
            assertThat(batches.wordBatchSizes()).allSatisfy(n -> assertThat(n).isBetween(1, 4));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(store.admin().metrics("batch-items").archived()).isEqualTo(12);
                assertThat(store.admin().metrics("batch-words").archived()).isEqualTo(10);
            });
        }
    }
}
