package dev.pgqrs.it;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The orders-to-invoices application, end to end over HTTP. Each store runs this same body through a
 * subclass with its own test profile. Tests use fresh order ids, so they do not depend on each other.
 */
abstract class OrderFlowTest {
    /** Only for failures: a run that works finishes long before. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String READINESS_CHECK = "SmallRye Reactive Messaging - readiness check";

    @Inject
    Store store;

    /** The start of the channels' health details for this store, e.g. {@code store postgres, MULTI_PROCESS}. */
    abstract String expectedStoreDetails();

    @Test
    void anOrderComesBackAsAnInvoice() {
        Archived before = archived();
        String id = newOrderId();
        placeOrder(new Order(id, "ada", new BigDecimal("100.00")));

        Invoice invoice = await().atMost(PATIENCE).until(() -> invoicesFor(id), list -> !list.isEmpty()).get(0);
        assertThat(invoice).isEqualTo(new Invoice(id, "ada", new BigDecimal("100.00"), new BigDecimal("20.00"),
                new BigDecimal("120.00")));
        assertBothHopsWentThroughTheDatabase(before, 1);
    }

    @Test
    void severalOrdersAreEachBilledExactlyOnce() {
        Archived before = archived();
        List<String> ids = IntStream.range(0, 25).mapToObj(i -> newOrderId()).toList();
        ids.forEach(id -> placeOrder(new Order(id, "grace", new BigDecimal("10.00"))));

        await().atMost(PATIENCE).until(() -> invoiceCounts(ids).keySet().containsAll(ids));
        // Once both queues hold nothing left to deliver, a duplicate would already be in the book.
        await().atMost(PATIENCE).until(() -> drained("orders") && drained("invoices"));
        assertThat(invoiceCounts(ids)).hasSize(ids.size()).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
        assertBothHopsWentThroughTheDatabase(before, ids.size());
    }

    @Test
    void aPoisonOrderEndsInDeadLettersAfterMaxReadCount() {
        String id = newOrderId();
        placeOrder(new Order(id, "mallory", new BigDecimal("-5.00")));

        DeadLetter dead = await().atMost(PATIENCE)
                .until(() -> deadLettersFor(id), list -> !list.isEmpty()).get(0);
        assertThat(dead.readCount()).isEqualTo(3);
        assertThat(dead.reason()).contains("cannot bill order " + id + ": negative amount -5.00");
        assertThat(deadLettersFor(id)).hasSize(1);
        assertThat(invoicesFor(id)).isEmpty();
    }

    @Test
    void healthIsUpWithThePgqrsChannelsAndTheStore() {
        await().atMost(PATIENCE).untilAsserted(() -> when().get("/q/health/ready").then().statusCode(200));
        for (String path : List.of("/q/health", "/q/health/ready")) {
            var body = when().get(path).then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", hasItem(READINESS_CHECK)).extract().jsonPath();
            Map<String, String> channels = body.getMap("checks.find { it.name == '" + READINESS_CHECK + "' }.data");
            assertThat(channels).as(path).containsKeys("orders", "invoices", "orders-out", "invoices-out");
            assertThat(channels.values()).as(path).allSatisfy(details -> assertThat(details).contains(expectedStoreDetails()));
        }
        when().get("/q/health/live").then().statusCode(200).body(containsString("orders"));
    }

    // --- helpers -------------------------------------------------------------------------------

    static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }

    static void placeOrder(Order order) {
        given().contentType(ContentType.JSON).body(order).when().post("/orders").then().statusCode(202);
    }

    static List<Invoice> invoicesFor(String orderId) {
        return allInvoices().stream().filter(i -> i.orderId().equals(orderId)).toList();
    }

    static Map<String, Long> invoiceCounts(List<String> orderIds) {
        return allInvoices().stream().map(Invoice::orderId).filter(orderIds::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    static List<Invoice> allInvoices() {
        return List.of(when().get("/invoices").then().statusCode(200).extract().as(Invoice[].class));
    }

    static List<DeadLetter> deadLettersFor(String orderId) {
        return List.of(when().get("/dead-letters").then().statusCode(200).extract().as(DeadLetter[].class)).stream()
                .filter(d -> d.payload().contains(orderId)).toList();
    }

    /** Acknowledged messages of both queues (ack-mode archive keeps them). */
    record Archived(long orders, long invoices) {
    }

    Archived archived() {
        return new Archived(store.admin().metrics("orders").archived(), store.admin().metrics("invoices").archived());
    }

    /**
     * Each order was consumed from queue orders and each invoice from queue invoices, once: channels wired
     * in memory would leave the archives as they were, a redelivery would grow them by more.
     */
    void assertBothHopsWentThroughTheDatabase(Archived before, int orders) {
        Archived expected = new Archived(before.orders() + orders, before.invoices() + orders);
        Archived after = await().atMost(PATIENCE).until(this::archived,
                a -> a.orders() >= expected.orders() && a.invoices() >= expected.invoices());
        assertThat(after).isEqualTo(expected);
    }

    /** Nothing ready, claimed or waiting for a retry. */
    boolean drained(String queue) {
        QueueMetrics m = store.admin().metrics(queue);
        return m.ready() == 0 && m.inFlight() == 0 && m.delayed() == 0;
    }

    /** A dead letter as {@code GET /dead-letters} shows it. */
    record DeadLetter(long id, String payload, int readCount, String reason) {
    }
}
