package dev.pgqrs.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgqrs.AckMode;
import dev.pgqrs.AckedAndReceived;
import dev.pgqrs.Admin;
import dev.pgqrs.BatchResult;
import dev.pgqrs.ConcurrencyModel;
import dev.pgqrs.Consumer;
import dev.pgqrs.DeadLetter;
import dev.pgqrs.Message;
import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Producer;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Receipt;
import dev.pgqrs.ReleaseResult;
import dev.pgqrs.Store;
import dev.pgqrs.Worker;
import dev.pgqrs.WorkerInfo;
import dev.pgqrs.WorkerState;
import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.error.InvalidPayloadException;
import dev.pgqrs.error.InvalidQueueNameException;
import dev.pgqrs.error.LeaseLostException;
import dev.pgqrs.error.QueueAlreadyExistsException;
import dev.pgqrs.error.QueueInUseException;
import dev.pgqrs.error.QueueNotFoundException;
import dev.pgqrs.error.WorkerStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every store must show. A store runs it by subclassing this class and supplying a
 * {@link StoreFixture}; nothing here knows which store it is talking to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreConformanceTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final AtomicInteger QUEUE_COUNTER = new AtomicInteger();

    protected Store store;
    private final List<Store> extraStores = new ArrayList<>();

    protected abstract StoreFixture fixture();

    @BeforeAll
    void openStore() {
        store = fixture().open();
    }

    @AfterAll
    void closeStores() {
        extraStores.forEach(Store::close);
        if (store != null) {
            store.close();
        }
    }

    protected Store anotherStore() {
        Store s = fixture().open();
        extraStores.add(s);
        return s;
    }

    protected String newQueueName() {
        return "q" + QUEUE_COUNTER.incrementAndGet() + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }

    protected QueueInfo newQueue() {
        return store.admin().createQueue(newQueueName());
    }

    protected QueueInfo newQueue(int maxReadCount) {
        return store.admin().createQueue(newQueueName(), maxReadCount);
    }

    private static String json(int i) {
        return "{\"n\":" + i + "}";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<Receipt> receipts(List<Message> messages) {
        return messages.stream().map(Message::receipt).toList();
    }

    /** Polls until a message arrives (the wait is a bound for failure, not a speed target). */
    private static List<Message> receiveEventually(Consumer consumer, int max, Duration visibility) {
        try {
            return consumer.receive(max, visibility, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Nested
    class Capabilities {
        @Test
        void reportsTheCapabilitiesAndConcurrencyModelOfItsKind() {
            assertThat(store.capabilities()).isEqualTo(fixture().expectedCapabilities());
            assertThat(store.concurrencyModel()).isEqualTo(fixture().expectedConcurrencyModel());
            assertThat(store.concurrencyModel() == ConcurrencyModel.MULTI_PROCESS)
                    .isEqualTo(store.capabilities().supportsMultiProcess());
        }

        @Test
        void installingTheSchemaAgainChangesNothing() {
            QueueInfo q = newQueue();
            store.producer(q.name()).send(json(1));
            try (Store again = fixture().open()) {
                assertThat(again.admin().queue(q.name())).isEqualTo(q);
                assertThat(again.admin().metrics(q.name()).ready()).isEqualTo(1);
            }
        }

        @Test
        void pingSucceedsOnALiveStore() {
            store.ping();
            assertThat(store.describe()).isNotBlank().doesNotContainIgnoringCase("password");
        }
    }

    @Nested
    class Queues {
        @Test
        void createGetAndList() {
            String name = newQueueName();
            QueueInfo created = store.admin().createQueue(name);
            assertThat(created.name()).isEqualTo(name);
            assertThat(created.maxReadCount()).isEqualTo(Admin.DEFAULT_MAX_READ_COUNT);
            assertThat(store.admin().queue(name)).isEqualTo(created);
            assertThat(store.admin().listQueues()).contains(created);
        }

        @Test
        void createIsRefusedForAnExistingQueueUnlessIdempotent() {
            QueueInfo q = newQueue(3);
            assertThatThrownBy(() -> store.admin().createQueue(q.name()))
                    .isInstanceOf(QueueAlreadyExistsException.class)
                    .hasMessageContaining(q.name()).hasMessageContaining("createQueueIfNotExists");
            QueueInfo again = store.admin().createQueueIfNotExists(q.name(), 7);
            assertThat(again.id()).isEqualTo(q.id());
            assertThat(again.maxReadCount()).isEqualTo(3);
        }

        @Test
        void invalidNamesAreRefusedAndNothingIsCreated() {
            int before = store.admin().listQueues().size();
            for (String bad : new String[] {"", " ", "1abc", "with space", "semi;colon", "quote'", "a".repeat(129), "ünïcode"}) {
                assertThatThrownBy(() -> store.admin().createQueue(bad))
                        .isInstanceOf(InvalidQueueNameException.class)
                        .hasMessageContaining("a letter first");
            }
            assertThatThrownBy(() -> store.admin().createQueue(null)).isInstanceOf(InvalidQueueNameException.class);
            assertThat(store.admin().listQueues()).hasSize(before);
            assertThat(store.admin().createQueue("Valid.name_with-dashes" + QUEUE_COUNTER.incrementAndGet()).name())
                    .startsWith("Valid.name_with-dashes");
        }

        @Test
        void operationsOnAMissingQueueSayWhichQueueIsMissing() {
            String missing = newQueueName();
            assertThatThrownBy(() -> store.producer(missing)).isInstanceOf(QueueNotFoundException.class).hasMessageContaining(missing);
            assertThatThrownBy(() -> store.consumer(missing)).isInstanceOf(QueueNotFoundException.class);
            assertThatThrownBy(() -> store.admin().metrics(missing)).isInstanceOf(QueueNotFoundException.class);
            assertThatThrownBy(() -> store.admin().deleteQueue(missing)).isInstanceOf(QueueNotFoundException.class);
            assertThatThrownBy(() -> store.admin().purgeQueue(missing)).isInstanceOf(QueueNotFoundException.class);
            assertThat(store.admin().findQueue(missing)).isEmpty();
        }

        @Test
        void maxReadCountIsAPolicyThatCanChange() {
            QueueInfo q = newQueue(2);
            assertThat(store.admin().setMaxReadCount(q.name(), 9).maxReadCount()).isEqualTo(9);
            assertThat(store.admin().queue(q.name()).maxReadCount()).isEqualTo(9);
            assertThatThrownBy(() -> store.admin().setMaxReadCount(q.name(), 0)).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> store.admin().createQueue(newQueueName(), 0)).isInstanceOf(InvalidArgumentException.class);
        }

        @Test
        void deleteIsRefusedWhileMessagesAreInFlightUnlessForced() {
            QueueInfo q = newQueue();
            store.producer(q.name()).sendBatch(List.of(OutgoingMessage.of(json(1)), OutgoingMessage.of(json(2))));
            store.consumer(q.name()).receive(1, LONG);
            assertThatThrownBy(() -> store.admin().deleteQueue(q.name()))
                    .isInstanceOf(QueueInUseException.class).hasMessageContaining("1 message(s) in flight");
            assertThat(store.admin().metrics(q.name()).ready()).isEqualTo(1);
            store.admin().deleteQueue(q.name(), true);
            assertThat(store.admin().findQueue(q.name())).isEmpty();
        }

        @Test
        void deleteOfAnIdleQueueRemovesItAndItsMessages() {
            QueueInfo q = newQueue();
            store.producer(q.name()).send(json(1));
            store.admin().deleteQueue(q.name());
            assertThat(store.admin().findQueue(q.name())).isEmpty();
            QueueInfo recreated = store.admin().createQueue(q.name());
            assertThat(store.admin().metrics(recreated.name()).ready()).isZero();
        }

        @Test
        void purgeRemovesEveryMessageAndKeepsTheQueue() {
            QueueInfo q = newQueue();
            store.producer(q.name()).sendBatch(IntStream.range(0, 5).mapToObj(i -> OutgoingMessage.of(json(i))).toList());
            Consumer c = store.consumer(q.name());
            c.ack(c.receive(1, LONG).get(0));
            assertThat(store.admin().purgeQueue(q.name())).isEqualTo(5);
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(List.of(m.ready(), m.inFlight(), m.delayed(), m.dead(), m.archived())).containsOnly(0L);
        }
    }

    @Nested
    class Messages {
        @Test
        void aMessageArrivesWithItsPayloadHeadersAndClaimDetails() {
            QueueInfo q = newQueue();
            Instant before = Instant.now().minusSeconds(1);
            long id = store.producer(q.name()).send(OutgoingMessage.of("{\"order\":42,\"items\":[1,2]}")
                    .withHeader("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .withHeader("kind", "order"));
            List<Message> got = store.consumer(q.name()).receive(10, Duration.ofSeconds(30));
            assertThat(got).hasSize(1);
            Message m = got.get(0);
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.queue()).isEqualTo(q.name());
            assertThat(parse(m.payload())).isEqualTo(parse("{\"order\":42,\"items\":[1,2]}"));
            assertThat(m.headers()).containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .containsEntry("kind", "order");
            assertThat(m.readCount()).isEqualTo(1);
            assertThat(m.receipt()).isEqualTo(new Receipt(id, 1));
            assertThat(m.enqueuedAt()).isAfter(before);
            assertThat(m.visibleUntil()).isAfter(Instant.now().plusSeconds(20));
        }

        private com.fasterxml.jackson.databind.JsonNode parse(String json) {
            try {
                return dev.pgqrs.internal.Json.MAPPER.readTree(json);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void anyJsonValueIsAPayload() {
            QueueInfo q = newQueue();
            List<String> payloads = List.of("\"text\"", "12.5", "true", "null", "[1,\"a\"]", "{\"nested\":{\"x\":[]}}");
            store.producer(q.name()).sendBatch(payloads.stream().map(OutgoingMessage::of).toList());
            List<Message> got = store.consumer(q.name()).receive(10, LONG);
            assertThat(got).extracting(m -> parse(m.payload())).containsExactlyElementsOf(payloads.stream().map(this::parse).toList());
            assertThat(got).allSatisfy(m -> assertThat(m.headers()).isEmpty());
        }

        @Test
        void aBatchIsEnqueuedInOrderAndASingleConsumerReceivesInEnqueueOrder() {
            QueueInfo q = newQueue();
            Producer p = store.producer(q.name());
            List<Long> ids = new ArrayList<>(p.sendBatch(IntStream.range(0, 30).mapToObj(i -> OutgoingMessage.of(json(i))).toList()));
            for (int i = 30; i < 50; i++) {
                ids.add(p.send(json(i)));
            }
            assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(50);
            Consumer c = store.consumer(q.name());
            List<Long> received = new ArrayList<>();
            List<Message> batch;
            while (!(batch = c.receive(7, LONG)).isEmpty()) {
                assertThat(batch.size()).isLessThanOrEqualTo(7);
                batch.forEach(m -> received.add(m.id()));
            }
            assertThat(received).containsExactlyElementsOf(ids);
        }

        @Test
        void aClaimedMessageIsInvisibleUntilItsDeadlineAndThenReturnsWithoutAnyReaper() {
            QueueInfo q = newQueue();
            store.producer(q.name()).send(json(1));
            Consumer c = store.consumer(q.name());
            Message first = c.receive(1, Duration.ofMillis(700)).get(0);
            assertThat(c.receive(1, LONG)).isEmpty();
            assertThat(anotherStore().consumer(q.name()).receive(1, LONG)).isEmpty();
            sleep(Duration.ofMillis(900));
            List<Message> again = c.receive(1, LONG);
            assertThat(again).hasSize(1);
            assertThat(again.get(0).id()).isEqualTo(first.id());
            assertThat(again.get(0).readCount()).isEqualTo(2);
        }

        @Test
        void aStaleConsumerCannotAckExtendOrReleaseAMessageClaimedAgain() {
            QueueInfo q = newQueue();
            store.producer(q.name()).send(json(1));
            Consumer slow = store.consumer(q.name());
            Consumer fast = anotherStore().consumer(q.name());
            Message stale = slow.receive(1, Duration.ofMillis(300)).get(0);
            sleep(Duration.ofMillis(500));
            Message fresh = fast.receive(1, LONG).get(0);
            assertThat(fresh.id()).isEqualTo(stale.id());

            assertThatThrownBy(() -> slow.ack(stale)).isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("lost").hasMessageContaining(q.name());
            assertThatThrownBy(() -> slow.extend(stale.receipt(), LONG)).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> slow.release(stale.receipt(), Duration.ZERO)).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> slow.deadLetter(stale.receipt(), "no")).isInstanceOf(LeaseLostException.class);
            BatchResult batch = slow.ackAll(List.of(stale.receipt()), AckMode.DELETE);
            assertThat(batch.lost()).containsExactly(stale.receipt());

            assertThat(store.admin().metrics(q.name()).inFlight()).isEqualTo(1);
            fast.ack(fresh);
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.archived()).isEqualTo(1);
            assertThat(m.inFlight()).isZero();
        }

        @Test
        void extendingALeaseKeepsTheMessageInvisible() {
            QueueInfo q = newQueue();
            store.producer(q.name()).send(json(1));
            Consumer c = store.consumer(q.name());
            Message m = c.receive(1, Duration.ofMillis(400)).get(0);
            c.extend(m.receipt(), LONG);
            sleep(Duration.ofMillis(600));
            assertThat(c.receive(1, LONG)).isEmpty();
            c.ack(m);
        }

        @Test
        void ackByArchiveKeepsTheRowAndAckByDeleteRemovesIt() {
            QueueInfo q = newQueue();
            store.producer(q.name()).sendBatch(List.of(OutgoingMessage.of(json(1)), OutgoingMessage.of(json(2)),
                    OutgoingMessage.of(json(3))));
            Consumer c = store.consumer(q.name());
            List<Message> got = c.receive(3, LONG);
            c.ack(got.get(0).receipt(), AckMode.ARCHIVE);
            BatchResult deleted = c.ackAll(List.of(got.get(1).receipt(), got.get(2).receipt()), AckMode.DELETE);
            assertThat(deleted.done()).hasSize(2);
            assertThat(deleted.allDone()).isTrue();
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.archived()).isEqualTo(1);
            assertThat(m.ready() + m.inFlight() + m.delayed() + m.dead()).isZero();
            assertThatThrownBy(() -> c.ack(got.get(0))).isInstanceOf(LeaseLostException.class);
        }

        @Test
        void eachBatchCanBeAcknowledgedTogetherWithTheClaimOfTheNext() throws InterruptedException {
            QueueInfo q = newQueue();
            List<Long> ids = store.producer(q.name()).sendBatch(List.of(OutgoingMessage.of(json(1)), OutgoingMessage.of(json(2)),
                    OutgoingMessage.of(json(3)), OutgoingMessage.of(json(4)), OutgoingMessage.of(json(5))));
            Consumer c = store.consumer(q.name());
            List<Message> first = c.receive(2, LONG);

            AckedAndReceived second = c.ackAndReceive(receipts(first), AckMode.DELETE, 2, LONG);
            assertThat(second.acked().done()).containsExactlyInAnyOrderElementsOf(receipts(first));
            assertThat(second.messages()).extracting(Message::id).containsExactly(ids.get(2), ids.get(3));

            AckedAndReceived third = c.ackAndReceive(receipts(second.messages()), AckMode.ARCHIVE, 10, LONG, Duration.ofMillis(50));
            assertThat(third.acked().allDone()).isTrue();
            assertThat(third.messages()).extracting(Message::id).containsExactly(ids.get(4));

            AckedAndReceived last = c.ackAndReceive(receipts(third.messages()), AckMode.ARCHIVE, 10, LONG, Duration.ofMillis(50));
            assertThat(last.acked().done()).hasSize(1);
            assertThat(last.messages()).isEmpty();
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.archived()).isEqualTo(3);
            assertThat(m.ready() + m.inFlight() + m.delayed() + m.dead()).isZero();
        }

        @Test
        void anAckWithTheNextClaimIsFencedAndNeverClaimsTheMessageItAcknowledges() {
            QueueInfo q = newQueue();
            store.producer(q.name()).sendBatch(List.of(OutgoingMessage.of(json(1)), OutgoingMessage.of(json(2))));
            Consumer slow = store.consumer(q.name());
            List<Message> expired = slow.receive(2, Duration.ofMillis(300));
            sleep(Duration.ofMillis(500));
            // Both leases expired; the second message is claimed again elsewhere, the first is merely ready.
            Consumer fast = anotherStore().consumer(q.name());
            Message reclaimed = fast.receive(1, LONG).get(0);
            Message lost = expired.stream().filter(x -> x.id() == reclaimed.id()).findFirst().orElseThrow();
            Message stillOurs = expired.stream().filter(x -> x.id() != reclaimed.id()).findFirst().orElseThrow();

            AckedAndReceived step = slow.ackAndReceive(receipts(expired), AckMode.DELETE, 10, LONG);
            assertThat(step.acked().done()).containsExactly(stillOurs.receipt());
            assertThat(step.acked().lost()).containsExactly(lost.receipt());
            assertThat(step.messages()).isEmpty();
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.inFlight()).isEqualTo(1);
            assertThat(m.ready()).isZero();
            fast.ack(reclaimed);
        }

        @Test
        void aReleasedMessageComesBackAfterItsDelay() {
            QueueInfo q = newQueue();
            store.producer(q.name()).send(json(1));
            Consumer c = store.consumer(q.name());
            Message m = c.receive(1, LONG).get(0);
            assertThat(c.release(m.receipt(), Duration.ofMillis(800))).isFalse();
            QueueMetrics metrics = store.admin().metrics(q.name());
            assertThat(metrics.delayed()).isEqualTo(1);
            assertThat(metrics.inFlight()).isZero();
            assertThat(c.receive(1, LONG)).isEmpty();
            Message again = receiveEventually(c, 1, LONG).get(0);
            assertThat(again.id()).isEqualTo(m.id());
            assertThat(again.readCount()).isEqualTo(2);
            assertThat(c.release(again.receipt(), Duration.ZERO)).isFalse();
            assertThat(c.receive(1, LONG)).extracting(Message::id).containsExactly(m.id());
        }

        @Test
        void aDelayedMessageIsNeverDeliveredEarly() {
            QueueInfo q = newQueue();
            Producer p = store.producer(q.name());
            Instant sent = Instant.now();
            long delayed = p.send(json(1), Duration.ofMillis(1500));
            long scheduled = p.send(OutgoingMessage.of(json(2)).withDeliverAt(sent.plusMillis(1200)));
            long now = p.send(json(3));
            Consumer c = store.consumer(q.name());
            assertThat(c.receive(10, LONG)).extracting(Message::id).containsExactly(now);
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.delayed()).isEqualTo(2);
            Set<Long> seen = new HashSet<>();
            while (seen.size() < 2) {
                for (Message msg : receiveEventually(c, 10, LONG)) {
                    long elapsed = Duration.between(sent, Instant.now()).toMillis();
                    long due = msg.id() == delayed ? 1500 : 1200;
                    assertThat(msg.id()).isIn(delayed, scheduled);
                    assertThat(elapsed).as("message %d delivered after %d ms, due at %d ms", msg.id(), elapsed, due)
                            .isGreaterThanOrEqualTo(due);
                    seen.add(msg.id());
                }
            }
        }

        @Test
        void aWaitingConsumerIsWokenByAnEnqueue() throws Exception {
            QueueInfo q = newQueue();
            Consumer c = store.consumer(q.name()).pollInterval(Duration.ofSeconds(60));
            ExecutorService exec = Executors.newSingleThreadExecutor();
            try {
                Future<List<Message>> waiting = exec.submit(() -> c.receive(1, LONG, Duration.ofSeconds(60)));
                // Let the backoff grow well past the margin below, so only a wake-up can deliver in time.
                sleep(Duration.ofSeconds(3));
                store.producer(q.name()).send(json(7));
                List<Message> got = waiting.get(20, TimeUnit.SECONDS);
                assertThat(got).hasSize(1);
            } finally {
                c.close();
                exec.shutdownNow();
            }
        }
    }

    @Nested
    class DeadLetters {
        @Test
        void aMessageIsDeadLetteredExactlyAtMaxReadCountOnRelease() {
            QueueInfo q = newQueue(3);
            long id = store.producer(q.name()).send(json(1));
            Consumer c = store.consumer(q.name());
            for (int read = 1; read <= 3; read++) {
                Message m = c.receive(1, LONG).get(0);
                assertThat(m.readCount()).isEqualTo(read);
                boolean dead = c.release(m.receipt(), Duration.ZERO, "boom " + read);
                assertThat(dead).as("dead after read %d", read).isEqualTo(read == 3);
            }
            assertThat(c.receive(1, LONG)).isEmpty();
            List<DeadLetter> dead = store.admin().deadLetters(q.name(), 10);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).id()).isEqualTo(id);
            assertThat(dead.get(0).readCount()).isEqualTo(3);
            assertThat(dead.get(0).reason()).contains("boom 3").contains("max read count");
            assertThat(dead.get(0).payload()).contains("\"n\"");
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.dead()).isEqualTo(1);
            assertThat(m.archived()).isZero();
            assertThat(m.ready()).isZero();
        }

        @Test
        void aMessageWhoseLeaseKeepsExpiringIsDeadLetteredInsteadOfADeliveryPastMaxReadCount() {
            QueueInfo q = newQueue(2);
            long id = store.producer(q.name()).send(json(1));
            Consumer c = store.consumer(q.name());
            for (int read = 1; read <= 2; read++) {
                assertThat(c.receive(1, Duration.ofMillis(200))).extracting(Message::readCount).containsExactly(read);
                sleep(Duration.ofMillis(350));
            }
            assertThat(c.receive(1, LONG)).isEmpty();
            List<DeadLetter> dead = store.admin().deadLetters(q.name(), 10);
            assertThat(dead).extracting(DeadLetter::id).containsExactly(id);
            assertThat(dead.get(0).reason()).isEqualTo(Consumer.EXPIRED_REASON);
        }

        @Test
        void releaseOfABatchReportsWhichWentToDeadLetters() {
            QueueInfo q = newQueue(1);
            store.producer(q.name()).sendBatch(List.of(OutgoingMessage.of(json(1)), OutgoingMessage.of(json(2))));
            Consumer c = store.consumer(q.name());
            List<Message> got = c.receive(2, LONG);
            ReleaseResult r = c.releaseAll(got.stream().map(Message::receipt).toList(), Duration.ZERO, "bad");
            assertThat(r.deadLettered()).hasSize(2);
            assertThat(r.released()).isEmpty();
            assertThat(r.lost()).isEmpty();
        }

        @Test
        void anExplicitDeadLetterKeepsItsReasonAndCanBeReplayed() {
            QueueInfo q = newQueue(5);
            long id = store.producer(q.name()).send(OutgoingMessage.of(json(1)).withHeader("h", "v"));
            Consumer c = store.consumer(q.name());
            Message m = c.receive(1, LONG).get(0);
            c.deadLetter(m.receipt(), "poison: cannot parse order");
            DeadLetter dl = store.admin().deadLetters(q.name(), 10).get(0);
            assertThat(dl.reason()).isEqualTo("poison: cannot parse order");
            assertThat(dl.headers()).containsEntry("h", "v");
            assertThat(dl.deadAt()).isNotNull();

            assertThat(store.admin().replayDeadLetters(q.name(), List.of(id))).isEqualTo(1);
            assertThat(store.admin().deadLetters(q.name(), 10)).isEmpty();
            Message replayed = c.receive(1, LONG).get(0);
            assertThat(replayed.id()).isEqualTo(id);
            assertThat(replayed.readCount()).isEqualTo(1);
            assertThat(replayed.headers()).containsEntry("h", "v");
        }

        @Test
        void replayAllAndPurgeDeadLetters() {
            QueueInfo q = newQueue(1);
            store.producer(q.name()).sendBatch(IntStream.range(0, 4).mapToObj(i -> OutgoingMessage.of(json(i))).toList());
            Consumer c = store.consumer(q.name());
            List<Message> got = c.receive(4, LONG);
            c.deadLetterAll(got.stream().map(Message::receipt).toList(), "x");
            assertThat(store.admin().deadLetters(q.name(), 2)).hasSize(2);
            long afterFirstPage = store.admin().deadLetters(q.name(), 2).get(1).id();
            assertThat(store.admin().deadLetters(q.name(), afterFirstPage, 10)).hasSize(2);
            assertThat(store.admin().replayAllDeadLetters(q.name())).isEqualTo(4);
            List<Message> again = c.receive(4, LONG);
            assertThat(again).hasSize(4);
            c.deadLetterAll(again.stream().map(Message::receipt).toList(), "y");
            assertThat(store.admin().purgeDeadLetters(q.name())).isEqualTo(4);
            assertThat(store.admin().metrics(q.name()).dead()).isZero();
        }
    }

    @Nested
    class Metrics {
        @Test
        void metricsCountEveryStateAndTheOldestReadyAge() {
            QueueInfo q = newQueue(5);
            Producer p = store.producer(q.name());
            QueueMetrics empty = store.admin().metrics(q.name());
            assertThat(empty.oldestReadyAge()).isNull();
            p.sendBatch(IntStream.range(0, 6).mapToObj(i -> OutgoingMessage.of(json(i))).toList());
            p.send(json(99), Duration.ofHours(1));
            sleep(Duration.ofMillis(300));
            Consumer c = store.consumer(q.name());
            List<Message> got = c.receive(3, LONG);
            c.ack(got.get(0));
            c.deadLetter(got.get(1).receipt(), "x");
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.queue()).isEqualTo(q.name());
            assertThat(m.ready()).isEqualTo(3);
            assertThat(m.inFlight()).isEqualTo(1);
            assertThat(m.delayed()).isEqualTo(1);
            assertThat(m.dead()).isEqualTo(1);
            assertThat(m.archived()).isEqualTo(1);
            assertThat(m.oldestReadyAge()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }

        @Test
        void retentionPurgesOnlyArchivedRowsOlderThanTheGivenAge() {
            QueueInfo q = newQueue();
            store.producer(q.name()).sendBatch(IntStream.range(0, 3).mapToObj(i -> OutgoingMessage.of(json(i))).toList());
            Consumer c = store.consumer(q.name());
            List<Message> got = c.receive(3, LONG);
            c.ack(got.get(0));
            c.ack(got.get(1));
            c.deadLetter(got.get(2).receipt(), "x");
            assertThat(store.admin().purgeArchive(q.name(), Duration.ofHours(1))).isZero();
            sleep(Duration.ofMillis(50));
            assertThat(store.admin().purgeArchive(q.name(), Duration.ZERO)).isEqualTo(2);
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.archived()).isZero();
            assertThat(m.dead()).isEqualTo(1);
        }
    }

    @Nested
    class Workers {
        @Test
        void aWorkerRegistersHeartbeatsAndMovesOnlyAlongAllowedTransitions() {
            QueueInfo q = newQueue();
            String name = "worker-" + newQueueName();
            Worker w = store.workers().register(name, q.name());
            WorkerInfo info = w.info();
            assertThat(info.name()).isEqualTo(name);
            assertThat(info.queue()).isEqualTo(q.name());
            assertThat(info.state()).isEqualTo(WorkerState.READY);
            assertThat(info.pid()).isEqualTo(ProcessHandle.current().pid());
            sleep(Duration.ofMillis(20));
            w.heartbeat();
            assertThat(w.info().heartbeatAt()).isAfter(info.heartbeatAt());

            w.poll();
            assertThat(w.state()).isEqualTo(WorkerState.POLLING);
            w.suspend();
            assertThatThrownBy(w::poll).isInstanceOf(WorkerStateException.class)
                    .hasMessageContaining("cannot move from suspended to polling");
            w.resume();
            w.interrupt();
            assertThatThrownBy(w::resume).isInstanceOf(WorkerStateException.class);
            w.stop();
            assertThat(w.state()).isEqualTo(WorkerState.STOPPED);
            assertThatThrownBy(w::heartbeat).isInstanceOf(WorkerStateException.class);
            assertThatThrownBy(w::poll).isInstanceOf(WorkerStateException.class);
        }

        @Test
        void aNameIsUniqueWhileItsWorkerLivesAndReusableOnceStopped() {
            String name = "worker-" + newQueueName();
            Worker first = store.workers().register(name);
            assertThatThrownBy(() -> anotherStore().workers().register(name))
                    .isInstanceOf(WorkerStateException.class).hasMessageContaining("in use");
            first.stop();
            Worker second = store.workers().register(name);
            assertThat(second.id()).isEqualTo(first.id());
            assertThat(second.state()).isEqualTo(WorkerState.READY);
            assertThat(store.workers().list()).extracting(WorkerInfo::name).contains(name);
        }

        @Test
        void staleWorkersAreListed() {
            Worker w = store.workers().register("worker-" + newQueueName());
            sleep(Duration.ofMillis(100));
            assertThat(store.workers().stale(Duration.ofMillis(50))).extracting(WorkerInfo::id).contains(w.id());
            assertThat(store.workers().stale(Duration.ofHours(1))).extracting(WorkerInfo::id).doesNotContain(w.id());
            w.stop();
            assertThat(store.workers().stale(Duration.ofMillis(1))).extracting(WorkerInfo::id).doesNotContain(w.id());
        }

        @Test
        void aStoppedWorkersMessagesCanBeReleasedAtOnce() {
            QueueInfo q = newQueue();
            store.producer(q.name()).sendBatch(List.of(OutgoingMessage.of(json(1)), OutgoingMessage.of(json(2))));
            Worker w = store.workers().register("worker-" + newQueueName(), q.name());
            List<Message> held = w.consumer(q.name()).receive(2, LONG);
            assertThat(held).hasSize(2);
            assertThatThrownBy(() -> store.workers().releaseMessages(w.name())).isInstanceOf(WorkerStateException.class);
            w.stop();
            assertThat(store.workers().releaseMessages(w.name())).isEqualTo(2);
            List<Message> again = store.consumer(q.name()).receive(5, LONG);
            assertThat(again).extracting(Message::id).containsExactlyElementsOf(held.stream().map(Message::id).toList());
        }
    }

    @Nested
    class BadInput {
        @Test
        void invalidJsonIsRefusedAndNothingOfItsBatchIsWritten() {
            QueueInfo q = newQueue();
            Producer p = store.producer(q.name());
            assertThatThrownBy(() -> p.send("{not json")).isInstanceOf(InvalidPayloadException.class)
                    .hasMessageContaining("not valid JSON").hasMessageContaining(q.name());
            assertThatThrownBy(() -> p.send("{\"a\":1} trailing")).isInstanceOf(InvalidPayloadException.class);
            assertThatThrownBy(() -> p.send("")).isInstanceOf(InvalidPayloadException.class);
            assertThatThrownBy(() -> p.sendBatch(List.of(OutgoingMessage.of(json(1)), OutgoingMessage.of("oops"))))
                    .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("message 2 of a batch of 2");
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.ready() + m.delayed()).isZero();
        }

        @Test
        void outOfRangeArgumentsAreRefusedWithTheirFix() {
            QueueInfo q = newQueue();
            store.producer(q.name()).send(json(1));
            Consumer c = store.consumer(q.name());
            assertThatThrownBy(() -> c.receive(1, Duration.ZERO)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("visibility timeout").hasMessageContaining("must be positive");
            assertThatThrownBy(() -> c.receive(1, Duration.ofSeconds(-1))).isInstanceOf(InvalidArgumentException.class);
            assertThatThrownBy(() -> c.receive(0, LONG)).isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("batch size");
            assertThatThrownBy(() -> OutgoingMessage.of(json(1)).withDelay(Duration.ofSeconds(-5)))
                    .isInstanceOf(InvalidArgumentException.class);
            assertThat(store.admin().metrics(q.name()).ready()).isEqualTo(1);
        }
    }

    @Nested
    class Concurrency {
        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void eightThreadsOverTwoStoresDrainTenThousandMessagesEachDeliveredOnceAndNeverHeldTwice() throws Exception {
            int total = 10_000;
            QueueInfo q = newQueue();
            Producer p = store.producer(q.name());
            for (int start = 0; start < total; start += 500) {
                int from = start;
                p.sendBatch(IntStream.range(from, from + 500).mapToObj(i -> OutgoingMessage.of(json(i))).toList());
            }
            Store second = anotherStore();
            Map<Long, Integer> deliveries = new ConcurrentHashMap<>();
            Set<Long> heldNow = ConcurrentHashMap.newKeySet();
            AtomicInteger overlaps = new AtomicInteger();
            AtomicInteger acked = new AtomicInteger();
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Store s = t % 2 == 0 ? store : second;
                futures.add(pool.submit(() -> {
                    Consumer c = s.consumer(q.name());
                    start.await();
                    int emptyPolls = 0;
                    while (emptyPolls < 3) {
                        List<Message> batch = c.receive(25, LONG);
                        if (batch.isEmpty()) {
                            emptyPolls++;
                            Thread.sleep(20);
                            continue;
                        }
                        emptyPolls = 0;
                        for (Message m : batch) {
                            if (!heldNow.add(m.id())) {
                                overlaps.incrementAndGet();
                            }
                            deliveries.merge(m.id(), 1, Integer::sum);
                        }
                        for (Message m : batch) {
                            heldNow.remove(m.id());
                        }
                        BatchResult r = c.ackAll(batch.stream().map(Message::receipt).toList(), AckMode.ARCHIVE);
                        acked.addAndGet(r.done().size());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(overlaps.get()).as("messages held by two consumers at once").isZero();
            assertThat(deliveries).hasSize(total);
            assertThat(deliveries.values()).as("deliveries per message").containsOnly(1);
            assertThat(acked.get()).isEqualTo(total);
            QueueMetrics m = store.admin().metrics(q.name());
            assertThat(m.archived()).isEqualTo(total);
            assertThat(m.ready() + m.inFlight()).isZero();
        }
    }
}
