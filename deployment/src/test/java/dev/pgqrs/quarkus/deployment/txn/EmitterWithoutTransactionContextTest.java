package dev.pgqrs.quarkus.deployment.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What docs/transactions.md says about an Emitter when context propagation manages the Transaction context
 * (the default): the build warns, and an Emitter send is committed on its own even when the caller's
 * transaction rolls back. PgqrsProducer joins the transaction all the same.
 */
class EmitterWithoutTransactionContextTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class, Order.class, Deliveries.class, TestDatabase.class, JdbcUrls.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", JdbcUrls.postgres())
            .overrideConfigKey("quarkus.datasource.username", "postgres")
            .overrideConfigKey("quarkus.datasource.reactive", "false")
            .overrideConfigKey("quarkus.pgqrs.datasource", "<default>")
            .overrideConfigKey("quarkus.pgqrs.schema", "txn_nojoin")
            .overrideConfigKey("mp.messaging.connector.pgqrs.poll-interval", "100")
            .overrideConfigKey("mp.messaging.outgoing.placed.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.outgoing.placed.queue", Orders.EMITTER_QUEUE)
            .overrideConfigKey("mp.messaging.incoming.emitted.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.incoming.emitted.queue", Orders.EMITTER_QUEUE)
            .overrideConfigKey("mp.messaging.incoming.produced.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.incoming.produced.queue", Orders.PRODUCER_QUEUE)
            .setLogRecordPredicate(r -> r.getLoggerName().endsWith("PgqrsProcessor"))
            .assertLogRecords(records -> assertThat(records).anySatisfy(r -> assertThat(String.format(r.getMessage(), r.getParameters()))
                    .contains("will not join the caller's JTA transaction").contains("[placed]")
                    .contains("mp.context.ThreadContext.unchanged=Transaction")));

    @Inject
    Orders orders;

    @Inject
    Deliveries deliveries;

    @BeforeEach
    void table() throws SQLException {
        orders.createTable();
    }

    @Test
    void anEmitterSendOutlivesARollbackButAProducerSendDoesNot() throws SQLException {
        assertThatThrownBy(() -> orders.placeWithEmitter("nojoin-emitter", true)).hasMessageContaining("rejected");
        assertThatThrownBy(() -> orders.placeWithProducer("nojoin-producer", true)).hasMessageContaining("rejected");
        assertThat(orders.rowExists("nojoin-emitter")).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.received("emitter", "nojoin-emitter"));
        orders.placeWithProducer("nojoin-after", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.received("producer", "nojoin-after"));
        assertThat(deliveries.received("producer", "nojoin-producer")).isFalse();
    }
}
