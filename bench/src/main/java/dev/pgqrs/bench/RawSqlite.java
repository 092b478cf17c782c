package dev.pgqrs.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The raw loop on SQLite through sqlite-jdbc, with the pgqrs store's settings: WAL, the default
 * synchronous mode (FULL), a busy timeout. There is one writer, so consumers take turns; a busy error
 * is retried.
 */
public final class RawSqlite extends RawBaseline {
    private final Path file;

    public RawSqlite(Path file) {
        this.file = file;
    }

    @Override
    protected Connection open() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA busy_timeout=5000");
        }
        return c;
    }

    @Override
    protected List<String> createTable() {
        return List.of("DROP TABLE IF EXISTS bench_raw",
                "CREATE TABLE bench_raw (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL, "
                        + "enqueued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    }

    @Override
    protected String insertSql() {
        return "INSERT INTO bench_raw (payload) VALUES (?)";
    }

    @Override
    protected String claimAndDeleteSql() {
        return "DELETE FROM bench_raw WHERE id IN (SELECT id FROM bench_raw ORDER BY id LIMIT ?) RETURNING id, payload";
    }

    @Override
    protected boolean retryable(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY");
    }
}
