package dev.pgqrs.postgres;

import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.error.StoreUnavailableException;
import dev.pgqrs.internal.LocalWakeups;
import dev.pgqrs.internal.Migrations;
import dev.pgqrs.internal.Names;
import dev.pgqrs.jdbc.Jdbc;
import dev.pgqrs.jdbc.JdbcMigrationTarget;
import dev.pgqrs.spi.AbstractStore;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
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
public final class PostgresStore extends AbstractStore {

    public static final String KIND = "postgres";

    /**
     * What a PostgreSQL store can do with its default options, known without opening one; built with
     * {@code notify(false)}, it lacks cross-process wake-ups.
     */
    public static final StoreCapabilities CAPABILITIES = StoreCapabilities.of(KIND);

    private final Jdbc jdbc;
    private final AgroalDataSource ownedPool;
    private final String schema;

    private PostgresStore(Builder b) {
        this(b, Connections.open(b));
    }

    private PostgresStore(Builder b, Connections c) {
        super(KIND, c.description(), CAPABILITIES.withCrossProcessWakeup(b.notify), repositories(c.jdbc(), b),
                b.notify ? new PostgresWakeups(channel(b.schema), c.listenConnections(), c.description()) : new LocalWakeups());
        this.jdbc = c.jdbc();
        this.ownedPool = c.ownedPool();
        this.schema = b.schema;
        finishOpening(() -> {
            if (b.migrate) {
                migrate();
            }
        });
    }

    private static String channel(String schema) {
        return "pgqrs_" + schema;
    }

    private static Repositories repositories(Jdbc jdbc, Builder b) {
        String qualified = "\"" + b.schema + "\"";
        return new Repositories(new PostgresQueueStore(jdbc, qualified),
                new PostgresMessageStore(jdbc, qualified, b.notify ? channel(b.schema) : null),
                new PostgresWorkerStore(jdbc, qualified));
    }

    /**
     * Where the store's connections come from, before the store object exists: the application's
     * datasource, or a pool this store owns (then {@code ownedPool} is it, to close with the store).
     */
    private record Connections(Jdbc jdbc, AgroalDataSource ownedPool, String description, Supplier<Connection> listenConnections) {
        static Connections open(Builder b) {
            Names.requireSchemaName(b.schema);
            if (b.dataSource != null) {
                String description = "PostgreSQL (application datasource, schema " + b.schema + ")";
                DataSource shared = b.dataSource;
                return new Connections(new Jdbc(shared, description, (e, op) -> null), null, description,
                        () -> PostgresStore.open(shared::getConnection, description));
            }
            PostgresDsn dsn = PostgresDsn.parse(Objects.requireNonNull(b.dsn, "dsn or dataSource is required"));
            String description = "PostgreSQL at " + PostgresDsn.redact(dsn.jdbcUrl()) + " (schema " + b.schema + ")";
            AgroalDataSource pool = pool(dsn, b.maxConnections);
            return new Connections(new Jdbc(pool, description, (e, op) -> null), pool, description,
                    () -> PostgresStore.open(() -> connect(dsn), description));
        }
    }

    @FunctionalInterface
    private interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private static Connection open(ConnectionOpener opener, String description) {
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
                            // A connection that saw a connection-class error is dropped, not handed out again,
                            // so the pool recovers by itself when the database comes back.
                            .exceptionSorter(new PostgreSQLExceptionSorter())
                            .connectionValidator(AgroalConnectionPoolConfiguration.ConnectionValidator.defaultValidator())
                            .idleValidationTimeout(Duration.ofSeconds(30))
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
    @Override
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
    public void ping() {
        jdbc.call("check the connection", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    @Override
    protected void closeResources() {
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
