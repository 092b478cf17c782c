package dev.pgqrs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The demo's flow with a few hundred orders, on the SQLite store Dev Services start. */
@QuarkusTest
class DemoTest {

    @Inject
    OrderFlow flow;

    @Test
    void everyOrderIsInvoicedOrDeadLettered() throws Exception {
        Summary summary = flow.awaitSummary(Duration.ofMinutes(2));

        assertThat(summary.store()).isEqualTo("sqlite");
        assertThat(summary.sent()).isEqualTo(300);
        assertThat(summary.processed() + summary.deadLettered()).isEqualTo(summary.sent());
        assertThat(summary.deadLettered()).isEqualTo(3);
        assertThat(summary.deadOrderIds()).containsExactlyInAnyOrderElementsOf(flow.poisonIds());
        assertThat(flow.poisonIds()).containsExactly(100L, 200L, 300L);
        assertThat(summary.complete()).isTrue();
        assertThat(summary.line()).startsWith("pgqrs demo: sent=300 processed=297 dead-lettered=3 elapsed=")
                .contains("msg/s store=sqlite");
    }
}
