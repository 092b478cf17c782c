package dev.pgqrs.turso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgqrs.Consumer;
import dev.pgqrs.Message;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import dev.pgqrs.error.StoreAuthenticationException;
import dev.pgqrs.error.StoreException;
import dev.pgqrs.error.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP failure modes, through a front that stands between the store and a real tursodb. Each
 * must give a clear typed error, and afterwards no message may be lost or delivered twice: checked
 * with a second store that talks to tursodb directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TursoHttpFailureTest {
    private static final Duration VISIBILITY = Duration.ofMillis(800);

    private TursoServer server;
    private Store direct;
    private HttpFront front;
    private Store viaFront;
    private String queue;

    @BeforeAll
    void startServer() {
        server = TursoServer.start();
        direct = TursoStore.builder().url(server.libsqlUrl()).build();
    }

    @AfterAll
    void stopServer() {
        direct.close();
        server.close();
    }

    @BeforeEach
    void openFront() throws IOException {
        front = new HttpFront(server.httpUrl());
        viaFront = TursoStore.builder().url(front.url()).requestTimeout(Duration.ofMillis(500)).build();
        queue = "failures_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        direct.admin().createQueue(queue);
        front.resetCounts();
    }

    @AfterEach
    void closeFront() {
        viaFront.close();
        front.close();
    }

    private QueueMetrics metrics() {
        return direct.admin().metrics(queue);
    }

    private List<String> drainDirectly() throws InterruptedException {
        try (Consumer c = direct.consumer(queue)) {
            List<Message> got = c.receive(100, Duration.ofSeconds(30), Duration.ofSeconds(5));
            got.forEach(c::ack);
            return got.stream().map(Message::payload).toList();
        }
    }

    @Test
    void aServerThatIsNotRunningIsUnavailableAndNothingWasSent() throws IOException {
        HttpFront gone = new HttpFront(server.httpUrl());
        String url = gone.url();
        gone.close();
        assertThatThrownBy(() -> TursoStore.builder().url(url).build())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("no connection to Turso at " + url)
                .hasMessageContaining("Nothing was sent");
    }

    @Test
    void aServerThatGoesDownLosesNothing() throws InterruptedException {
        dev.pgqrs.Producer producer = viaFront.producer(queue);
        producer.send("{\"n\":1}");
        front.close();
        assertThatThrownBy(() -> producer.send("{\"n\":2}"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("Nothing was sent, so nothing was written");
        assertThatThrownBy(() -> viaFront.consumer(queue))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(drainDirectly()).containsExactly("{\"n\":1}");
    }

    @Test
    void aMissingOrWrongTokenIsRejectedWithTheSettingToChange() {
        front.requiredToken = "s3cret";
        assertThatThrownBy(() -> TursoStore.builder().url(front.url()).build())
                .isInstanceOf(StoreAuthenticationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("No auth token was sent")
                .hasMessageContaining("?authToken=");
        assertThatThrownBy(() -> TursoStore.builder().url(front.url() + "?authToken=wrong").build())
                .isInstanceOf(StoreAuthenticationException.class)
                .hasMessageContaining("from the DSN's ?authToken= parameter was refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong"));
        assertThatThrownBy(() -> TursoStore.builder().url(front.url()).authToken("wrong").build())
                .isInstanceOf(StoreAuthenticationException.class)
                .hasMessageContaining("TursoStore.builder().authToken(…) was refused");
        // A token that goes bad while the store is in use (revoked, expired) fails the same way.
        assertThatThrownBy(() -> viaFront.producer(queue).send("{}"))
                .isInstanceOf(StoreAuthenticationException.class);
        assertThat(front.forwarded()).isEqualTo(front.received() - 4);
    }

    @Test
    void theRightTokenFromTheDsnOrTheBuilderWorks() throws InterruptedException {
        front.requiredToken = "s3cret";
        try (Store fromDsn = TursoStore.builder().url(front.url() + "?authToken=s3cret").build();
                Store fromBuilder = TursoStore.builder().url(front.url()).authToken("s3cret").build()) {
            assertThat(fromDsn.describe()).doesNotContain("s3cret");
            fromDsn.producer(queue).send("{\"via\":\"dsn\"}");
            fromBuilder.producer(queue).send("{\"via\":\"builder\"}");
        }
        assertThat(drainDirectly()).containsExactly("{\"via\":\"dsn\"}", "{\"via\":\"builder\"}");
    }

    @Test
    void aServerErrorIsATypedErrorAndWritesNothing() throws InterruptedException {
        dev.pgqrs.Producer producer = viaFront.producer(queue);
        front.resetCounts();
        front.mode = HttpFront.Mode.ANSWER;
        front.status = 500;
        front.body = "Internal Server Error: boom";
        assertThatThrownBy(() -> producer.send("{}"))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("HTTP 500 (Internal Server Error: boom)");
        front.status = 503;
        front.body = "";
        assertThatThrownBy(() -> producer.send("{}"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("did not retry");
        front.status = 400;
        front.body = "{\"error\":\"bad request\"}";
        assertThatThrownBy(() -> viaFront.admin().listQueues())
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("HTTP 400");
        front.status = 404;
        front.body = "Not Found";
        assertThatThrownBy(() -> viaFront.admin().listQueues())
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("Point the DSN at a Turso or libSQL server");
        assertThat(front.forwarded()).isZero();
        assertThat(drainDirectly()).isEmpty();
    }

    @Test
    void aMalformedAnswerIsATypedErrorAndAClaimedMessageIsNotLost() throws InterruptedException {
        direct.producer(queue).send("{\"n\":1}");
        try (Consumer consumer = viaFront.consumer(queue)) {
            front.mode = HttpFront.Mode.FORWARD_THEN_ANSWER;
            front.status = 200;
            front.body = "<html>captive portal</html>";
            assertThatThrownBy(() -> consumer.receive(10, VISIBILITY))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("a body that is not JSON")
                    .hasMessageContaining("may or may not have been committed");
            front.body = "{\"baton\":null,\"results\":[]}";
            assertThatThrownBy(() -> consumer.receive(10, VISIBILITY))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("no result for the request");
        }
        // The first claim ran on the server: the message is in flight until its lease ends, then comes back.
        assertThat(metrics().inFlight()).isEqualTo(1);
        List<Message> again = receiveDirectly(Duration.ofSeconds(10));
        assertThat(again).extracting(Message::payload).containsExactly("{\"n\":1}");
        assertThat(again.get(0).readCount()).isEqualTo(2);
    }

    private List<Message> receiveDirectly(Duration wait) throws InterruptedException {
        try (Consumer c = direct.consumer(queue)) {
            List<Message> got = c.receive(10, Duration.ofSeconds(30), wait);
            got.forEach(c::ack);
            return got;
        }
    }

    @Test
    void aTimedOutEnqueueIsNotRetriedSoItIsStoredOnce() throws InterruptedException {
        dev.pgqrs.Producer producer = viaFront.producer(queue);
        front.resetCounts();
        front.mode = HttpFront.Mode.FORWARD_THEN_DELAY;
        front.delay = Duration.ofMillis(1500);
        assertThatThrownBy(() -> producer.send("{\"once\":true}"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("did not answer within 500 ms")
                .hasMessageContaining("requestTimeout")
                .hasMessageContaining("may or may not have been committed")
                .hasMessageContaining("did not retry");
        Thread.sleep(front.delay.toMillis());
        assertThat(front.received()).isEqualTo(1);
        assertThat(drainDirectly()).containsExactly("{\"once\":true}");
    }

    @Test
    void aDroppedConnectionAfterABatchEnqueueStoresTheBatchOnce() throws InterruptedException {
        dev.pgqrs.Producer producer = viaFront.producer(queue);
        front.resetCounts();
        front.mode = HttpFront.Mode.FORWARD_THEN_DROP;
        assertThatThrownBy(() -> producer.sendBatch(List.of(
                        dev.pgqrs.OutgoingMessage.of("{\"n\":1}"), dev.pgqrs.OutgoingMessage.of("{\"n\":2}"))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("may or may not have been committed");
        assertThat(front.received()).isEqualTo(1);
        assertThat(drainDirectly()).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void aTimedOutClaimLosesNothingAndDeliversNothingTwice() throws InterruptedException {
        direct.producer(queue).send("{\"n\":1}");
        try (Consumer consumer = viaFront.consumer(queue)) {
            front.mode = HttpFront.Mode.FORWARD_THEN_DELAY;
            front.delay = Duration.ofMillis(1500);
            assertThatThrownBy(() -> consumer.receive(10, VISIBILITY))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("did not answer within 500 ms");
        }
        // Nobody holds the message now, but it stays invisible until the lost claim's lease ends.
        assertThat(receiveDirectly(Duration.ZERO)).isEmpty();
        List<Message> again = receiveDirectly(Duration.ofSeconds(10));
        assertThat(again).extracting(Message::payload).containsExactly("{\"n\":1}");
        assertThat(again.get(0).readCount()).isEqualTo(2);
        assertThat(metrics().archived()).isEqualTo(1);
        assertThat(metrics().ready() + metrics().inFlight() + metrics().delayed()).isZero();
    }

    @Test
    void aTimedOutAckIsFencedByItsReceipt() throws InterruptedException {
        direct.producer(queue).send("{\"n\":1}");
        try (Consumer consumer = viaFront.consumer(queue)) {
            Message m = consumer.receive(1, Duration.ofSeconds(30)).get(0);
            front.mode = HttpFront.Mode.FORWARD_THEN_DELAY;
            front.delay = Duration.ofMillis(1500);
            assertThatThrownBy(() -> consumer.ack(m))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("may or may not have been committed");
            Thread.sleep(front.delay.toMillis());
            front.mode = HttpFront.Mode.FORWARD;
            // The ack did commit; repeating it finds no live lease instead of touching the message again.
            assertThatThrownBy(() -> consumer.ack(m)).isInstanceOf(dev.pgqrs.error.LeaseLostException.class);
        }
        assertThat(metrics().archived()).isEqualTo(1);
    }
}
