package dev.pgqrs.postgres;

import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.error.StoreUnavailableException;
import dev.pgqrs.internal.Migrations;
import dev.pgqrs.internal.Names;
import dev.pgqrs.jdbc.Jdbc;
import dev.pgqrs.jdbc.JdbcMigrationTarget;
import dev.pgqrs.spi.MessageStore;
import dev.pgqrs.spi.QueueStore;
import dev.pgqrs.spi.Wakeups;
import dev.pgqrs.spi.WorkerStore;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The PostgreSQL store: many processes may consume at once ({@code FOR UPDATE SKIP LOCKED}), and
 * LISTEN/NOTIFY wakes consumers in every process. Build one with {@link #builder()}.
 */
public final class PostgresStore implements Store {

    public static final String KIND = "postgres";

    private final Jdbc jdbc;
    private final AgroalDataSource ownedPool;
    private final String description;
    private final StoreCapabilities capabilities;
    private final PostgresQueueStore queues;
    private final PostgresMessageStore messages;
    private final PostgresWorkerStore workers;
    private final Wakeups wakeups;
    private final String schema;

    private PostgresStore(Builder b) {
        Names.requireSchemaName(b.schema);
        this.schema = b.schema;
        String qualified = "\"" + b.schema + "\"";
        DataSource ds;
        Supplier<Connection> listenConnections;
        if (b.dataSource != null) {
            ds = b.dataSource;
            ownedPool = null;
            description = "PostgreSQL (application datasource, schema " + b.schema + ")";
            DataSource shared = b.dataSource;
            listenConnections = () -> open(shared::getConnection);
        } else {
            PostgresDsn dsn = PostgresDsn.parse(Objects.requireNonNull(b.dsn, "dsn or dataSource is required"));
            description = "PostgreSQL at " + PostgresDsn.redact(dsn.jdbcUrl()) + " (schema " + b.schema + ")";
            ownedPool = pool(dsn, b.maxConnections);
            ds = ownedPool;
            listenConnections = () -> open(() -> connect(dsn));
        }
        this.jdbc = new Jdbc(ds, description, (e, op) -> null);
        String channel = "pgqrs_" + b.schema;
        this.capabilities = StoreCapabilities.of(KIND).withCrossProcessWakeup(b.notify);
        this.queues = new PostgresQueueStore(jdbc, qualified);
        this.messages = new PostgresMessageStore(jdbc, qualified, b.notify ? channel : null);
        this.workers = new PostgresWorkerStore(jdbc, qualified);
        this.wakeups = b.notify ? new PostgresWakeups(channel, listenConnections, description) : new dev.pgqrs.internal.LocalWakeups();
        try {
            if (b.migrate) {
                migrate();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @FunctionalInterface
    private interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private Connection open(ConnectionOpener opener) {
        try {
            return opener.open();
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot open a connection to " + description + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(PostgresDsn dsn) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        if (dsn.user() != null) {
            props.setProperty("user", dsn.user());
        }
        if (dsn.password() != null) {
            props.setProperty("password", dsn.password());
        }
        Connection c = new org.postgresql.Driver().connect(dsn.jdbcUrl(), props);
        if (c == null) {
            throw new SQLException("The PostgreSQL driver does not accept the URL " + PostgresDsn.redact(dsn.jdbcUrl()));
        }
        return c;
    }

    private static AgroalDataSource pool(PostgresDsn dsn, int maxConnections) {
        try {
            AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(maxConnections).minSize(0).initialSize(0)
                            .acquisitionTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(factory -> {
                                // Name the driver: DriverManager cannot see it from every class loader (Quarkus, app servers).
                                factory.connectionProviderClass(org.postgresql.Driver.class);
                                factory.jdbcUrl(dsn.jdbcUrl());
                                if (dsn.user() != null) {
                                    factory.principal(new NamePrincipal(dsn.user()));
                                }
                                if (dsn.password() != null) {
                                    factory.credential(new SimplePassword(dsn.password()));
                                }
                                return factory;
                            }));
            return AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot create a connection pool for " + PostgresDsn.redact(dsn.jdbcUrl()) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Installs or upgrades the schema; safe to call at any time from any number of processes. */
    public int migrate() {
        jdbc.call("create schema " + schema, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
            } catch (SQLException e) {
                // Creating it may be forbidden while it already exists; the migrations will tell.
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
            }
            return null;
        });
        String q = "\"" + schema + "\"";
        String lock = "SELECT pg_advisory_xact_lock(hashtext('pgqrs schema " + schema + "'))";
        return Migrations.migrate(KIND, PostgresSchema.migrations(q),
                new JdbcMigrationTarget(jdbc, q + "." + PostgresSchema.HISTORY_TABLE, PostgresSchema.createHistory(q), lock));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String schema() {
        return schema;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public QueueStore queueStore() {
        return queues;
    }

    @Override
    public MessageStore messageStore() {
        return messages;
    }

    @Override
    public WorkerStore workerStore() {
        return workers;
    }

    @Override
    public Wakeups wakeups() {
        return wakeups;
    }

    @Override
    public void ping() {
        jdbc.call("check the connection", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    @Override
    public void close() {
        wakeups.close();
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    /** Options for a PostgreSQL store. */
    public static final class Builder {
        private String dsn;
        private DataSource dataSource;
        private int maxConnections = 10;
        private String schema = "public";
        private boolean notify = true;
        private boolean migrate = true;

        private Builder() {
        }

        /** {@code postgresql://user:password@host:5432/db}, {@code postgres://…} or {@code jdbc:postgresql://…}. */
        public Builder dsn(String dsn) {
            this.dsn = dsn;
            return this;
        }

        /** Use an existing pool (e.g. an application's Agroal datasource) instead of a DSN. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new InvalidArgumentException("maxConnections must be at least 1, got " + maxConnections + ".");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** LISTEN/NOTIFY wake-ups (default on). Off, consumers rely on polling and in-process signals. */
        public Builder notify(boolean notify) {
            this.notify = notify;
            return this;
        }

        /** Install or upgrade the schema when the store is built (default on). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        public PostgresStore build() {
            if (dsn == null && dataSource == null) {
                throw new InvalidArgumentException("A PostgreSQL store needs a DSN or a DataSource: call dsn(\"postgresql://…\") or dataSource(ds).");
            }
            return new PostgresStore(this);
        }
    }
}
