package dev.pgqrs.turso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgqrs.AckMode;
import dev.pgqrs.Consumer;
import dev.pgqrs.Message;
import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import dev.pgqrs.error.InvalidDsnException;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.Stmt;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What is specific to the Turso store: URLs, the protocol, migrations, and one request per operation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TursoStoreTest {
    private TursoServer server;

    @BeforeAll
    void start() {
        server = TursoServer.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void libsqlAndTursoUrlsMeanHttpsExceptForLocalAddresses() {
        assertThat(TursoUrl.parse("libsql://db-org.turso.io", null).baseUri()).isEqualTo(URI.create("https://db-org.turso.io"));
        assertThat(TursoUrl.parse("turso://db-org.turso.io", null).baseUri()).isEqualTo(URI.create("https://db-org.turso.io"));
        assertThat(TursoUrl.parse("libsql://localhost:8080", null).baseUri()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(TursoUrl.parse("libsql://127.0.0.1:8080", null).baseUri()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(TursoUrl.parse("libsql://[::1]:8080", null).baseUri()).isEqualTo(URI.create("http://[::1]:8080"));
        assertThat(TursoUrl.parse("libsql://sqld.internal:8080?tls=0", null).baseUri()).isEqualTo(URI.create("http://sqld.internal:8080"));
        assertThat(TursoUrl.parse("libsql://localhost:8443?tls=1", null).baseUri()).isEqualTo(URI.create("https://localhost:8443"));
        assertThat(TursoUrl.parse("http://example.com:8080/prefix", null).baseUri()).isEqualTo(URI.create("http://example.com:8080/prefix"));
        assertThat(TursoUrl.parse("https://example.com", null).baseUri()).isEqualTo(URI.create("https://example.com"));
    }

    @Test
    void theTokenComesFromTheDsnOrTheBuilderAndIsNeverShown() {
        TursoUrl fromDsn = TursoUrl.parse("libsql://db.turso.io?authToken=abc.def", null);
        assertThat(fromDsn.authToken()).isEqualTo("abc.def");
        assertThat(fromDsn.tokenFromDsn()).isTrue();
        assertThat(fromDsn.describe()).isEqualTo("Turso at https://db.turso.io").doesNotContain("abc");
        assertThat(TursoUrl.parse("libsql://db.turso.io", "xyz").authToken()).isEqualTo("xyz");
        assertThatThrownBy(() -> TursoUrl.parse("libsql://db.turso.io?authToken=a", "b"))
                .isInstanceOf(InvalidDsnException.class).hasMessageContaining("Two different auth tokens");
        assertThatThrownBy(() -> TursoUrl.parse("libsql://db.turso.io?authToken=secret&mode=x", null))
                .isInstanceOf(InvalidDsnException.class)
                .hasMessageContaining("Unknown parameter 'mode'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
        assertThatThrownBy(() -> TursoUrl.parse("libsql://", null)).isInstanceOf(InvalidDsnException.class);
    }

    @Test
    void pgqrsConnectOpensATursoStoreForEveryAcceptedScheme() {
        for (String dsn : List.of(server.libsqlUrl(), "turso://127.0.0.1:" + server.port(), server.httpUrl())) {
            try (Store store = Pgqrs.connect(dsn)) {
                assertThat(store.kind()).isEqualTo("turso");
                assertThat(((TursoStore) store).protocolVersion()).as("tursodb serves Hrana 2 only").isEqualTo(2);
                store.ping();
            }
        }
        assertThat(Pgqrs.storeKind("https://db-org.turso.io?authToken=x")).isEqualTo("turso");
    }

    @Test
    void migratingAgainOrFromSeveralStoresAtOnceIsANoOp() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (TursoServer fresh = TursoServer.start()) {
            List<Future<TursoStore>> opening = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                opening.add(pool.submit(() -> TursoStore.builder().url(fresh.libsqlUrl()).build()));
            }
            for (Future<TursoStore> f : opening) {
                try (TursoStore store = f.get()) {
                    assertThat(store.migrate()).isZero();
                }
            }
            HranaClient sql = client(fresh);
            Rows history = sql.execute("read history", Stmt.of("SELECT version FROM pgqrs_java_schema_history ORDER BY version"));
            assertThat(history.rows()).containsExactly(List.of(1L), List.of(2L));
            Rows columns = sql.execute("read columns", Stmt.of("SELECT name FROM pragma_table_info('pgqrs_messages') ORDER BY cid"));
            assertThat(columns.rows()).extracting(r -> r.get(0)).containsExactly("id", "queue_id", "payload", "vt", "enqueued_at",
                    "read_ct", "dequeued_at", "producer_worker_id", "consumer_worker_id", "archived_at", "headers", "dead_at", "dead_reason");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void valuesSurviveTheJsonEncoding() {
        Rows rows = client(server).execute("echo", Stmt.of("SELECT ?, ?, ?, ?, ?, ?", Long.MAX_VALUE, -1.5, "zürich ✓ \"q\"", null,
                new byte[] {1, 2, (byte) 0xff}, true));
        List<Object> row = rows.rows().get(0);
        assertThat(row.get(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get(1)).isEqualTo(-1.5);
        assertThat(row.get(2)).isEqualTo("zürich ✓ \"q\"");
        assertThat(row.get(3)).isNull();
        assertThat((byte[]) row.get(4)).containsExactly(1, 2, 0xff);
        assertThat(row.get(5)).isEqualTo(1L);
    }

    @Test
    void aStatementErrorInATransactionCommitsNothing() {
        HranaClient sql = client(server);
        sql.execute("create", Stmt.of("CREATE TABLE IF NOT EXISTS tx_probe (v TEXT UNIQUE)"));
        assertThatThrownBy(() -> sql.transaction("insert", List.of(
                Stmt.of("INSERT INTO tx_probe VALUES ('a')"), Stmt.of("INSERT INTO tx_probe VALUES ('a')"))))
                .isInstanceOf(HranaSqlException.class)
                .hasMessageContaining("UNIQUE constraint failed")
                .hasMessageContaining("Nothing of it was committed");
        assertThat(sql.execute("count", Stmt.of("SELECT count(*) FROM tx_probe")).getLong(0, 0)).isZero();
        // The shared server connection is back in auto-commit mode for everyone else.
        sql.transaction("insert", List.of(Stmt.of("INSERT INTO tx_probe VALUES ('b')")));
        assertThat(sql.execute("count", Stmt.of("SELECT count(*) FROM tx_probe")).getLong(0, 0)).isEqualTo(1);
    }

    @Test
    void batchEnqueueClaimAndAckAreOneRequestEach() throws IOException {
        try (HttpFront front = new HttpFront(server.httpUrl());
                Store store = TursoStore.builder().url(front.url()).build()) {
            store.admin().createQueue("requests");
            var producer = store.producer("requests");
            Consumer consumer = store.consumer("requests");
            List<OutgoingMessage> batch = new ArrayList<>();
            int n = 450; // a batch of hundreds still travels as one statement
            for (int i = 0; i < n; i++) {
                batch.add(OutgoingMessage.of("{\"n\":" + i + "}").withHeader("k", "v" + i));
            }
            front.resetCounts();
            List<Long> ids = producer.sendBatch(batch);
            assertThat(front.received()).isEqualTo(1);
            assertThat(ids).hasSize(n).isSorted().doesNotHaveDuplicates();

            front.resetCounts();
            List<Message> claimed = consumer.receive(n, Duration.ofSeconds(30));
            assertThat(front.received()).isEqualTo(1);
            assertThat(claimed).extracting(Message::id).isEqualTo(ids);
            assertThat(claimed.get(7).payload()).isEqualTo("{\"n\":7}");
            assertThat(claimed.get(7).headers()).containsEntry("k", "v7");

            front.resetCounts();
            var result = consumer.ackAll(claimed.stream().map(Message::receipt).toList(), AckMode.DELETE);
            assertThat(front.received()).isEqualTo(1);
            assertThat(result.allDone()).isTrue();
            assertThat(store.admin().metrics("requests").ready()).isZero();
        }
    }

    @Test
    void aClaimTakesTheFirstReadyMessagesAndDeadLettersTheSpentOnesAmongThemAsPostgresDoes() {
        try (Store store = TursoStore.builder().url(server.libsqlUrl()).build()) {
            store.admin().createQueue("spent", 2);
            List<Long> ids = store.producer("spent").sendBatch(List.of(OutgoingMessage.of("{\"n\":1}"),
                    OutgoingMessage.of("{\"n\":2}"), OutgoingMessage.of("{\"n\":3}"), OutgoingMessage.of("{\"n\":4}")));
            client(server).execute("spend two", Stmt.of("UPDATE pgqrs_messages SET read_ct = 2 WHERE id IN (?, ?)", ids.get(0), ids.get(1)));
            Consumer consumer = store.consumer("spent");

            // Both candidates were spent: they become dead letters, and the claim does not reach past them.
            assertThat(consumer.receive(2, Duration.ofSeconds(30))).isEmpty();
            assertThat(store.admin().deadLetters("spent", 10)).extracting(d -> d.id()).containsExactly(ids.get(0), ids.get(1));
            assertThat(consumer.receive(2, Duration.ofSeconds(30))).extracting(Message::id).containsExactly(ids.get(2), ids.get(3));
        }
    }

    private static HranaClient client(TursoServer s) {
        return new HranaClient(TursoUrl.parse(s.libsqlUrl(), null), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
