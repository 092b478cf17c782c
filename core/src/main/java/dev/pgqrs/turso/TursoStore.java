package dev.pgqrs.turso;

import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.error.InvalidArgumentException;
import dev.pgqrs.internal.LocalWakeups;
import dev.pgqrs.internal.Migrations;
import dev.pgqrs.internal.Stmt;
import dev.pgqrs.sqlite.SqliteDialect;
import dev.pgqrs.sqlite.SqliteSchema;
import dev.pgqrs.spi.AbstractStore;
import java.time.Duration;

/**
 * The Turso store: libSQL over the Hrana HTTP protocol ({@code tursodb --sync-server}, {@code sqld},
 * Turso Cloud), with no native library. Every operation is one HTTP request; operations that need
 * several statements travel as one transaction batch. Build one with {@link #builder()} or
 * {@code Pgqrs.connect("libsql://…")}; see {@link TursoUrl} for how the URL is read.
 *
 * <p>Several processes may consume one queue: each claim is a single atomic batch on the server,
 * so no message is handed to two consumers within its visibility timeout (tested with two JVMs).
 * Claims serialize on the server (no SKIP LOCKED), enqueue cannot join a caller's transaction, and
 * wake-ups stay inside one process.
 */
public final class TursoStore extends AbstractStore {

    public static final String KIND = "turso";

    /** What every Turso store can do, known without opening one (docs/stores.md explains each). */
    public static final StoreCapabilities CAPABILITIES = StoreCapabilities.of(KIND);

    private final HranaClient client;

    private TursoStore(Builder b) {
        this(b, new HranaClient(TursoUrl.parse(b.url, b.authToken), b.connectTimeout, b.requestTimeout));
    }

    private TursoStore(Builder b, HranaClient client) {
        super(KIND, client.description(), CAPABILITIES, SqliteDialect.repositories(client), new LocalWakeups());
        this.client = client;
        finishOpening(() -> {
            client.negotiate();
            if (b.migrate) {
                migrate();
            }
        });
    }

    /** Installs or upgrades the schema; safe to repeat and to run from several processes at once. */
    @Override
    public int migrate() {
        return Migrations.migrate(KIND, SqliteSchema.MIGRATIONS, new TursoMigrationTarget(client));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Hrana protocol version the server offered: 3, or 2 for tursodb. */
    public int protocolVersion() {
        return client.protocolVersion();
    }

    @Override
    public void ping() {
        client.query("check the connection", Stmt.of("SELECT 1"));
    }

    /** Nothing to release: every request is its own HTTP connection. */
    @Override
    protected void closeResources() {
    }

    /** Options for a Turso store. */
    public static final class Builder {
        private String url;
        private String authToken;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private boolean migrate = true;

        private Builder() {
        }

        /** {@code libsql://host[:port][?authToken=…]}, {@code turso://…}, {@code http://host:port} or {@code https://…}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Sent as {@code Authorization: Bearer …}; the same as {@code ?authToken=} in the URL. */
        public Builder authToken(String authToken) {
            this.authToken = authToken;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for an answer (default 10 s). A request that times out is not retried: the
         * error says its outcome is unknown.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Install or upgrade the schema when the store is built (default on). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new InvalidArgumentException(name + " must be positive, got " + d + ".");
            }
            return d;
        }

        public TursoStore build() {
            if (url == null || url.isBlank()) {
                throw new InvalidArgumentException("A Turso store needs a URL: call url(\"libsql://host:port\") or url(\"http://127.0.0.1:8080\").");
            }
            return new TursoStore(this);
        }
    }
}
