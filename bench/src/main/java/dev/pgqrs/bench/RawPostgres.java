package dev.pgqrs.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The raw loop on PostgreSQL: claim-and-delete with FOR UPDATE SKIP LOCKED, as a queue would. */
public final class RawPostgres extends RawBaseline {
    private final BenchPostgres pg;

    public RawPostgres(BenchPostgres pg) {
        this.pg = pg;
    }

    @Override
    protected Connection open() throws SQLException {
        return pg.connect();
    }

    @Override
    protected List<String> createTable() {
        return List.of("CREATE SCHEMA IF NOT EXISTS bench_raw",
                "DROP TABLE IF EXISTS bench_raw.messages",
                "CREATE TABLE bench_raw.messages (id BIGSERIAL PRIMARY KEY, payload JSONB NOT NULL, "
                        + "enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    }

    @Override
    protected String insertSql() {
        return "INSERT INTO bench_raw.messages (payload) VALUES (?::jsonb)";
    }

    @Override
    protected String claimAndDeleteSql() {
        return "DELETE FROM bench_raw.messages WHERE id IN (SELECT id FROM bench_raw.messages ORDER BY id LIMIT ? "
                + "FOR UPDATE SKIP LOCKED) RETURNING id, payload::text";
    }
}
