package dev.pgqrs.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL the benchmark runs on: an embedded PostgreSQL 17 (zonky, started here, so the command
 * works on a fresh machine) or a server named by a DSN. The embedded one runs with durable commits
 * (fsync and synchronous_commit on, unlike zonky's test defaults) and pg_stat_statements loaded.
 */
public final class BenchPostgres implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String dsn;

    private BenchPostgres(EmbeddedPostgres embedded, String jdbcUrl, String user, String password, String dsn) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dsn = dsn;
    }

    public static BenchPostgres embedded() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .setServerConfig("max_connections", "100")
                .start();
        int port = pg.getPort();
        return new BenchPostgres(pg, "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres",
                "postgresql://postgres:postgres@localhost:" + port + "/postgres");
    }

    /** A server given as {@code postgresql://user:password@host:port/db}. */
    public static BenchPostgres external(String dsn) {
        URI uri = URI.create(dsn.replaceFirst("^postgres(ql)?://", "http://"));
        String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
        String url = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + uri.getPath();
        return new BenchPostgres(null, url, userInfo[0], userInfo.length > 1 ? userInfo[1] : null, dsn);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    public String dsn() {
        return dsn;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String label() {
        return embedded != null ? "embedded PostgreSQL (zonky)" : "PostgreSQL at " + jdbcUrl;
    }

    /** Version and the settings that decide write speed, for the report. */
    public Map<String, String> settings() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                out.put("server_version", rs.getString(1));
            }
            for (String name : new String[] {"fsync", "synchronous_commit", "wal_level", "shared_buffers", "max_connections"}) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    out.put(name, rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Drops what earlier runs left, so every run starts from empty tables. */
    public void reset() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_raw CASCADE");
            s.execute("DROP SCHEMA IF EXISTS bench_core CASCADE");
            s.execute("DROP SCHEMA IF EXISTS bench_conn CASCADE");
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
