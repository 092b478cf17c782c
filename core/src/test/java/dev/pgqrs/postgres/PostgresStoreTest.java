package dev.pgqrs.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgqrs.Consumer;
import dev.pgqrs.Message;
import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.error.InvalidDsnException;
import dev.pgqrs.error.StoreUnavailableException;
import dev.pgqrs.testing.EmbeddedPostgres17;
import dev.pgqrs.testing.TcpProxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only the PostgreSQL store does: DSNs, pooling errors, LISTEN/NOTIFY across store instances, schema bookkeeping. */
class PostgresStoreTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture(EmbeddedPostgres17.dsn());

    @Test
    void connectDetectsPostgresFromEachAcceptedScheme() {
        String dsn = FIXTURE.dsn();
        for (String variant : List.of(dsn, dsn.replace("postgresql://", "postgres://"))) {
            try (Store s = Pgqrs.connect(variant)) {
                assertThat(s.kind()).isEqualTo("postgres");
                s.ping();
            }
        }
        String jdbc = PostgresDsn.parse(dsn).jdbcUrl() + "?user=postgres";
        try (Store s = Pgqrs.connect(jdbc)) {
            s.ping();
        }
    }

    @Test
    void anUnreachableDatabaseIsAClearErrorThatNamesTheFix() {
        assertThatThrownBy(() -> Pgqrs.connect("postgresql://postgres@127.0.0.1:1/nowhere"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("Check that the database is running");
    }

    @Test
    void aStoreRecoversByItselfWhenTheDatabaseComesBack() {
        try (TcpProxy proxy = new TcpProxy(EmbeddedPostgres17.port());
                Store s = PostgresStore.builder().dsn("postgresql://postgres@127.0.0.1:" + proxy.port() + "/postgres")
                        .schema(FIXTURE.schema()).notify(false).build()) {
            String queue = "recover_" + System.nanoTime();
            s.admin().createQueue(queue);
            s.producer(queue).send("1");

            proxy.cut();
            assertThatThrownBy(() -> s.producer(queue).send("2")).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(queue);

            proxy.restore();
            // Pooled connections broken by the outage are dropped on first use, never handed out again.
            long sent = -1;
            for (int attempt = 0; attempt < 10 && sent < 0; attempt++) {
                try {
                    sent = s.producer(queue).send("3");
                } catch (StoreUnavailableException stillBroken) {
                    assertThat(attempt).as("attempts before the pool recovered").isLessThan(9);
                }
            }
            assertThat(s.admin().metrics(queue).ready()).isEqualTo(2);
        }
    }

    @Test
    void malformedDsnsAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> Pgqrs.connect("postgresql://")).isInstanceOf(InvalidDsnException.class)
                .hasMessageContaining("postgresql://user:password@host:5432/database");
        assertThatThrownBy(() -> Pgqrs.connect("postgresql://host:notaport/db")).isInstanceOf(InvalidDsnException.class);
    }

    @Test
    void passwordsNeverAppearInDescriptionsOrErrors() {
        PostgresDsn parsed = PostgresDsn.parse("postgresql://app:s%40cret@db.example:5433/orders?sslmode=disable");
        assertThat(parsed.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/orders?sslmode=disable");
        assertThat(parsed.user()).isEqualTo("app");
        assertThat(parsed.password()).isEqualTo("s@cret");
        assertThat(PostgresDsn.redact("postgresql://app:secret@h/db")).doesNotContain("secret");
        assertThatThrownBy(() -> Pgqrs.connect("postgresql://app:secret@127.0.0.1:1/db"))
                .isInstanceOf(StoreUnavailableException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void anInvalidSchemaNameIsRefusedBeforeAnySqlRuns() {
        assertThatThrownBy(() -> PostgresStore.builder().dsn(FIXTURE.dsn()).schema("bad\"; drop table x; --").build())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("schema name");
    }

    @Test
    void theSchemaVersionIsRecordedAndInstallingAgainIsANoOp() throws Exception {
        try (PostgresStore s = (PostgresStore) FIXTURE.open()) {
            assertThat(s.migrate()).isZero();
        }
        PostgresDsn parsed = PostgresDsn.parse(FIXTURE.dsn());
        try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(), parsed.user(), parsed.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM \"" + FIXTURE.schema() + "\".pgqrs_java_schema_history ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            assertThat(versions).containsExactly(1, 2);
        }
    }

    @Test
    void anEnqueueInOneStoreWakesAConsumerOfAnotherThroughNotify() throws Exception {
        try (Store consumerSide = FIXTURE.open(); Store producerSide = FIXTURE.open()) {
            String queue = "wake_" + System.nanoTime();
            consumerSide.admin().createQueue(queue);
            Consumer c = consumerSide.consumer(queue).pollInterval(Duration.ofSeconds(60));
            ExecutorService exec = Executors.newSingleThreadExecutor();
            try {
                Future<List<Message>> waiting = exec.submit(() -> c.receive(1, Duration.ofMinutes(1), Duration.ofSeconds(60)));
                // By now the consumer's backoff is far longer than the bound below: only the notify can wake it in time.
                Thread.sleep(3_000);
                producerSide.producer(queue).send("{\"wake\":true}");
                assertThat(waiting.get(20, TimeUnit.SECONDS)).hasSize(1);
            } finally {
                c.close();
                exec.shutdownNow();
            }
        }
    }

    @Test
    void aStoreCanShareAnApplicationsDataSource() throws Exception {
        PostgresDsn parsed = PostgresDsn.parse(FIXTURE.dsn());
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(parsed.jdbcUrl());
        ds.setUser(parsed.user());
        try (Store s = PostgresStore.builder().dataSource(ds).schema(FIXTURE.schema()).build()) {
            assertThat(s.describe()).contains("application datasource");
            String queue = "shared_ds_" + System.nanoTime();
            s.admin().createQueue(queue);
            s.producer(queue).send("{\"via\":\"datasource\"}");
            try (Store viaDsn = FIXTURE.open()) {
                Message m = viaDsn.consumer(queue).receive(1, Duration.ofSeconds(30)).get(0);
                assertThat(m.payload()).contains("datasource");
            }
        }
    }

    @Test
    void notifyCanBeSwitchedOffAndTheCapabilitySaysSo() {
        try (Store s = PostgresStore.builder().dsn(FIXTURE.dsn()).schema(FIXTURE.schema()).notify(false).build()) {
            assertThat(s.capabilities().supportsCrossProcessWakeup()).isFalse();
            String queue = "nonotify_" + System.nanoTime();
            s.admin().createQueue(queue);
            s.producer(queue).send("1");
            assertThat(s.consumer(queue).receive(1, Duration.ofSeconds(30))).hasSize(1);
        }
    }
}
