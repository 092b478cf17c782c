package dev.pgqrs.sqlite;

import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.error.InvalidDsnException;
import dev.pgqrs.error.PgqrsException;
import dev.pgqrs.error.StoreUnavailableException;
import dev.pgqrs.internal.LocalWakeups;
import dev.pgqrs.internal.Migrations;
import dev.pgqrs.internal.Stmt;
import dev.pgqrs.jdbc.JdbcMigrationTarget;
import dev.pgqrs.spi.AbstractStore;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The SQLite store: one database file, used by one process. Writes are serialised inside the process,
 * claims are single {@code UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING} statements, and an
 * enqueue wakes the consumers of the same store at once. See docs/stores.md for what SQLite does not
 * give you. Build one with {@link #builder()} or {@code Pgqrs.connect("sqlite:path/to/file.db")}.
 */
public final class SqliteStore extends AbstractStore {

    public static final String KIND = "sqlite";

    /** What every SQLite store can do, known without opening one (docs/stores.md explains each). */
    public static final StoreCapabilities CAPABILITIES = StoreCapabilities.of(KIND);

    private final Path file;
    private final AgroalDataSource pool;
    private final SqliteDatabase db;

    private SqliteStore(Builder b) {
        this(b, Opened.open(b));
    }

    private SqliteStore(Builder b, Opened opened) {
        super(KIND, opened.description(), CAPABILITIES, SqliteDialect.repositories(opened.db()), new LocalWakeups());
        this.file = opened.file();
        this.pool = opened.pool();
        this.db = opened.db();
        finishOpening(() -> {
            if (b.migrate) {
                migrate();
            }
        });
    }

    /** The file, checked and opened, with its pool and its writer, before the store object exists. */
    private record Opened(Path file, String description, AgroalDataSource pool, SqliteDatabase db) {
        static Opened open(Builder b) {
            Path file = b.file.toAbsolutePath().normalize();
            String description = "SQLite file " + file;
            String url = jdbcUrl(file, b);
            probe(url, description, b.busyTimeout);
            AgroalDataSource pool = SqliteStore.pool(url, b.maxConnections, description);
            return new Opened(file, description, pool, new SqliteDatabase(file, pool, description, b.busyTimeout));
        }
    }

    /** Every connection gets WAL, the busy timeout and foreign keys, whatever else the DSN asks for. */
    private static String jdbcUrl(Path file, Builder b) {
        Map<String, String> params = new LinkedHashMap<>(b.driverParams);
        params.put("journal_mode", "WAL");
        params.put("busy_timeout", Long.toString(b.busyTimeout.toMillis()));
        params.put("foreign_keys", "true");
        StringBuilder url = new StringBuilder("jdbc:sqlite:").append(file);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(sep).append(p.getKey()).append('=').append(p.getValue());
            sep = '&';
        }
        return url.toString();
    }

    /** Opens the file once up front, so a bad path or a file that is not a database fails here, clearly. */
    private static void probe(String url, String description, Duration busyTimeout) {
        // The driver is called directly, not through DriverManager, which cannot see it from a framework's
        // class loader (Quarkus); the pool below does the same.
        try (Connection c = new org.sqlite.JDBC().connect(url, new Properties()); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                String mode = rs.getString(1);
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreUnavailableException(description + " could not be switched to WAL journaling (it is in "
                            + mode + " mode). Put the file on a local file system that supports shared memory.");
                }
            }
        } catch (SQLException e) {
            PgqrsException typed = SqliteDatabase.translate(e, "open the database", description, busyTimeout);
            throw typed != null ? typed
                    : new StoreUnavailableException("Cannot open " + description + ": " + e.getMessage(), e);
        }
    }

    private static AgroalDataSource pool(String url, int maxConnections, String description) {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(maxConnections).minSize(0).initialSize(0)
                            .acquisitionTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(f -> f.connectionProviderClass(org.sqlite.JDBC.class).jdbcUrl(url))));
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot create a connection pool for " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int migrate() {
        return db.exclusively(this::migrateLocked);
    }

    private int migrateLocked() {
        // Created in its own statement: the migration lock statement below needs the table.
        db.write("create the schema history table", Stmt.of(SqliteSchema.CREATE_HISTORY));
        return Migrations.migrate(KIND, SqliteSchema.MIGRATIONS, new JdbcMigrationTarget(db.jdbc(), SqliteSchema.HISTORY_TABLE,
                SqliteSchema.CREATE_HISTORY, SqliteSchema.MIGRATION_LOCK));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public void ping() {
        db.query("check the database", Stmt.of("SELECT 1"));
    }

    @Override
    protected void closeResources() {
        pool.close();
    }

    /** Options for a SQLite store. */
    public static final class Builder {
        private Path file;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private int maxConnections = 4;
        private boolean migrate = true;
        private final Map<String, String> driverParams = new LinkedHashMap<>();

        private Builder() {
        }

        /** The database file; created when missing (its directory must exist). */
        public Builder path(String path) {
            return path(Path.of(requirePath(path, path)));
        }

        public Builder path(Path path) {
            this.file = path;
            return this;
        }

        /**
         * {@code sqlite:path/to/file.db}, {@code sqlite:///absolute/file.db} or {@code jdbc:sqlite:path}.
         * Query parameters are passed to the driver as pragmas (e.g. {@code ?busy_timeout=2000}).
         */
        public Builder dsn(String dsn) {
            String d = dsn == null ? "" : dsn.trim();
            String lower = d.toLowerCase(Locale.ROOT);
            String rest;
            if (lower.startsWith("jdbc:sqlite:")) {
                rest = d.substring("jdbc:sqlite:".length());
            } else if (lower.startsWith("sqlite:")) {
                rest = d.substring("sqlite:".length());
                if (rest.startsWith("//")) {
                    rest = rest.substring(2);
                }
            } else {
                throw new InvalidDsnException("'" + dsn + "' is not a SQLite DSN. Use sqlite:path/to/file.db or jdbc:sqlite:path/to/file.db.");
            }
            int q = rest.indexOf('?');
            String path = q < 0 ? rest : rest.substring(0, q);
            if (q >= 0) {
                for (String pair : rest.substring(q + 1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
                    String value = eq < 0 ? "" : pair.substring(eq + 1);
                    if (key.equals("busy_timeout")) {
                        busyTimeout(Duration.ofMillis(parseMillis(value, dsn)));
                    } else {
                        driverParams.put(key, value);
                    }
                }
            }
            return path(requirePath(path, dsn));
        }

        private static long parseMillis(String value, String dsn) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new InvalidDsnException("busy_timeout in '" + dsn + "' must be a whole number of milliseconds, got '" + value + "'.");
            }
        }

        private static String requirePath(String path, String source) {
            if (path == null || path.isBlank()) {
                throw new InvalidDsnException("No database file in '" + source + "'. Use sqlite:path/to/file.db.");
            }
            if (path.contains(":memory:") || path.contains("mode=memory")) {
                throw new InvalidDsnException("'" + source + "' names an in-memory SQLite database, which is lost when the "
                        + "process ends and is not shared between connections. Use a file, e.g. sqlite:target/queue.db.");
            }
            return path;
        }

        /** How long a write waits for another process's lock on the file before failing (default 5 s). */
        public Builder busyTimeout(Duration busyTimeout) {
            if (busyTimeout == null || busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new InvalidArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms, got " + busyTimeout + ".");
            }
            this.busyTimeout = busyTimeout;
            return this;
        }

        /** Connections in the pool (default 4): reads use any of them, writes one at a time. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new InvalidArgumentException("maxConnections must be at least 1, got " + maxConnections + ".");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** Install or upgrade the schema when the store is built (default on). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        public SqliteStore build() {
            if (file == null) {
                throw new InvalidArgumentException("A SQLite store needs a file: call path(\"queue.db\") or dsn(\"sqlite:queue.db\").");
            }
            return new SqliteStore(this);
        }
    }
}
