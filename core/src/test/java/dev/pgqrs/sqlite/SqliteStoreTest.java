package dev.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgqrs.AckMode;
import dev.pgqrs.ConcurrencyModel;
import dev.pgqrs.Consumer;
import dev.pgqrs.Message;
import dev.pgqrs.OutgoingMessage;
import dev.pgqrs.Pgqrs;
import dev.pgqrs.Producer;
import dev.pgqrs.Store;
import dev.pgqrs.error.InvalidDsnException;
import dev.pgqrs.error.StoreBusyException;
import dev.pgqrs.error.StoreException;
import dev.pgqrs.error.StoreUnavailableException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What only the SQLite store has: its DSNs, its file, its lock and its limits. */
class SqliteStoreTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    @Test
    void connectOpensASqliteStoreFromEitherDsnForm() {
        Path file = SqliteFixture.newFile("dsn");
        for (String dsn : List.of("sqlite:" + file, "jdbc:sqlite:" + file, "sqlite://" + file.toAbsolutePath())) {
            try (Store store = Pgqrs.connect(dsn)) {
                assertThat(store.kind()).isEqualTo("sqlite");
                assertThat(store.concurrencyModel()).isEqualTo(ConcurrencyModel.SINGLE_PROCESS);
                assertThat(store.describe()).contains(file.getFileName().toString());
                store.admin().createQueueIfNotExists("orders");
            }
        }
        try (Store store = Pgqrs.connect("sqlite:" + file)) {
            assertThat(store.admin().listQueues()).hasSize(1);
        }
    }

    @Test
    void anInMemoryDatabaseIsRefusedBecauseItIsNotDurable() {
        assertThatThrownBy(() -> Pgqrs.connect("sqlite::memory:")).isInstanceOf(InvalidDsnException.class)
                .hasMessageContaining("in-memory").hasMessageContaining("Use a file");
        assertThatThrownBy(() -> Pgqrs.connect("sqlite:")).isInstanceOf(InvalidDsnException.class)
                .hasMessageContaining("No database file");
    }

    @Test
    void anUnwritablePathIsAClearErrorAndCreatesNothing() throws Exception {
        Path notADirectory = SqliteFixture.newFile("plain-file");
        Files.writeString(notADirectory, "I am a file, not a directory");
        Path inside = notADirectory.resolve("queue.db");
        assertThatThrownBy(() -> SqliteStore.builder().path(inside).build()).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(inside.getFileName().toString()).hasMessageContaining("directory exists");
        Path missingDir = SqliteFixture.newFile("missing-dir").resolve("queue.db");
        assertThatThrownBy(() -> SqliteStore.builder().path(missingDir).build()).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("directory exists");
        assertThat(missingDir.getParent()).doesNotExist();
    }

    @Test
    void aFileThatIsNotASqliteDatabaseIsRefusedAndLeftUntouched() throws Exception {
        Path file = SqliteFixture.newFile("not-a-db");
        String content = "name,amount\n" + "x,1\n".repeat(2000);
        Files.writeString(file, content);
        assertThatThrownBy(() -> Pgqrs.connect("sqlite:" + file)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("is not a SQLite database");
        assertThat(Files.readString(file)).isEqualTo(content);
    }

    @Test
    void aDatabaseLockedPastTheBusyTimeoutIsATypedErrorAndLosesOrDoublesNothing() throws Exception {
        Path file = SqliteFixture.newFile("locked");
        try (Store store = SqliteStore.builder().path(file).busyTimeout(Duration.ofMillis(200)).build()) {
            store.admin().createQueue("jobs");
            Producer producer = store.producer("jobs");
            Consumer consumer = store.consumer("jobs");
            List<Long> ids = producer.sendBatch(IntStream.range(0, 3).mapToObj(i -> OutgoingMessage.of("{\"n\":" + i + "}")).toList());
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = other.createStatement()) {
                // Another program holds the write lock, as a second process writing the file would.
                s.execute("BEGIN IMMEDIATE");
                s.execute("UPDATE pgqrs_queues SET queue_name = queue_name");
                assertThatThrownBy(() -> consumer.receive(10, LONG)).isInstanceOf(StoreBusyException.class)
                        .hasMessageContaining("busy timeout (200 ms)").hasMessageContaining("Nothing was changed");
                assertThatThrownBy(() -> producer.send("{\"n\":99}")).isInstanceOf(StoreBusyException.class);
                // Readers are not blocked by a writer in WAL mode.
                assertThat(store.admin().metrics("jobs").ready()).isEqualTo(3);
                s.execute("ROLLBACK");
            }
            List<Message> got = consumer.receive(10, LONG);
            assertThat(got).extracting(Message::id).containsExactlyElementsOf(ids);
            assertThat(got).extracting(Message::readCount).containsOnly(1);
            assertThat(consumer.ackAll(got.stream().map(Message::receipt).toList(), AckMode.ARCHIVE).allDone()).isTrue();
            assertThat(store.admin().metrics("jobs").archived()).isEqualTo(3);
        }
    }

    @Test
    void aFullDatabaseRefusesTheWholeBatchAndKeepsEverythingAlreadyStored() {
        Path file = SqliteFixture.newFile("full");
        String payload = "{\"pad\":\"" + "x".repeat(1000) + "\"}";
        // max_page_count stands in for a full disk: SQLite reports both as SQLITE_FULL.
        try (Store store = Pgqrs.connect("sqlite:" + file + "?max_page_count=60")) {
            store.admin().createQueue("big");
            Producer producer = store.producer("big");
            List<Long> stored = new ArrayList<>();
            StoreException full = null;
            for (int i = 0; i < 100 && full == null; i++) {
                try {
                    stored.addAll(producer.sendBatch(IntStream.range(0, 20).mapToObj(n -> OutgoingMessage.of(payload)).toList()));
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertThat(full).isNotNull().hasMessageContaining("is full").hasMessageContaining("Nothing was changed");
            assertThat(store.admin().metrics("big").ready()).isEqualTo(stored.size());
            Consumer consumer = store.consumer("big");
            Set<Long> seen = new HashSet<>();
            for (List<Message> batch = consumer.receive(50, LONG); !batch.isEmpty(); batch = consumer.receive(50, LONG)) {
                batch.forEach(m -> assertThat(seen.add(m.id())).as("delivered once: %d", m.id()).isTrue());
                assertThat(consumer.ackAll(batch.stream().map(Message::receipt).toList(), AckMode.DELETE).allDone()).isTrue();
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(stored);
        }
    }

    @Test
    void timestampsKeepMillisecondsInUpstreamLayout() throws Exception {
        Path file = SqliteFixture.newFile("time");
        try (Store store = SqliteStore.builder().path(file).build()) {
            store.admin().createQueue("t");
            store.producer("t").send("{}");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT enqueued_at, vt, typeof(payload) FROM pgqrs_messages")) {
            rs.next();
            assertThat(rs.getString(1)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
            assertThat(rs.getString(2)).isEqualTo(rs.getString(1));
            assertThat(rs.getString(3)).isEqualTo("text");
        }
    }

    /**
     * Quarkus (tests, dev-mode restarts) and application servers load the application in a class loader of
     * its own, after DriverManager has registered the driver of another one. The store must still open.
     */
    @Test
    void opensFromAClassLoaderDriverManagerDoesNotServe() throws Exception {
        DriverManager.getDrivers(); // DriverManager registers the SQLite driver of this class loader
        Path file = SqliteFixture.newFile("loader");
        URL[] classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        try (URLClassLoader application = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            Class<?> pgqrs = Class.forName(Pgqrs.class.getName(), true, application);
            assertThat(pgqrs).isNotSameAs(Pgqrs.class);
            try (AutoCloseable store = (AutoCloseable) pgqrs.getMethod("connect", String.class).invoke(null, "sqlite:" + file)) {
                assertThat(store.getClass().getName()).isEqualTo(SqliteStore.class.getName());
            }
        }
    }
}
