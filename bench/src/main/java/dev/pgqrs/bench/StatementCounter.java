package dev.pgqrs.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counts the statements a PostgreSQL database executes: from pg_stat_statements when the extension can
 * be installed (it counts each statement, excluding this counter's own queries), otherwise from
 * {@code pg_stat_database.xact_commit} (transactions, which equal statements for pgqrs, whose
 * operations are one autocommit statement each; minus this counter's own reads).
 */
public final class StatementCounter implements AutoCloseable {
    private final Connection connection;
    private final boolean statements;

    public StatementCounter(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        boolean available;
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_statements")) {
                rs.next();
            }
            available = true;
        } catch (SQLException e) {
            available = false;
        }
        statements = available;
    }

    public String method() {
        return statements ? "pg_stat_statements" : "xact_commit";
    }

    /** The running total; compare two readings. */
    public long read() throws SQLException {
        String sql = statements
                ? "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid "
                        + "WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_%'"
                : "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()";
        try (Statement s = connection.createStatement()) {
            if (!statements) {
                // The statistics snapshot is cached per transaction; ask for fresh numbers.
                s.execute("SELECT pg_stat_clear_snapshot()");
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1) - (statements ? 0 : 2);
            }
        }
    }

    /** Statements per second while {@code during} runs. */
    public double perSecond(Runnable during) throws SQLException {
        long before = read();
        long start = System.nanoTime();
        during.run();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return (read() - before) / elapsed;
    }

    /** Forgets the statistics so far (pg_stat_statements only). */
    public void resetStatistics() throws SQLException {
        if (statements) {
            try (Statement s = connection.createStatement()) {
                s.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    /** The statements that took the most database time since the last reset, for the report. */
    public java.util.List<String> top(int limit) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (!statements) {
            return out;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows, "
                        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements s "
                        + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() "
                        + "AND query NOT LIKE '%pg_stat_%' ORDER BY total_exec_time DESC LIMIT " + limit)) {
            while (rs.next()) {
                out.add("calls=" + rs.getLong(1) + " total_ms=" + rs.getString(2) + " mean_ms=" + rs.getString(3)
                        + " rows=" + rs.getLong(4) + " `" + rs.getString(5) + "`");
            }
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
