package dev.pgqrs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw database limit: a minimal hand-written JDBC loop on the same database, with no queue
 * semantics. Produce inserts B rows per transaction (one batched prepared statement); consume claims
 * and deletes B rows per transaction with one statement. Anything pgqrs does beyond this (visibility
 * deadlines, read counts, fenced acks) is its overhead.
 */
public abstract class RawBaseline implements Raw {

    /** A new connection; the caller closes it. */
    protected abstract Connection open() throws SQLException;

    protected abstract List<String> createTable();

    protected abstract String insertSql();

    /** One statement that removes up to {@code ?} rows and returns them. */
    protected abstract String claimAndDeleteSql();

    @Override
    public void prepare() throws SQLException {
        try (Connection c = open(); Statement s = c.createStatement()) {
            for (String sql : createTable()) {
                s.execute(sql);
            }
        }
    }

    /** Inserts {@code n} rows, {@code batch} per transaction; returns rows per second. */
    @Override
    public double produce(int n, int batch) throws SQLException {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(insertSql())) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (int sent = 0; sent < n; ) {
                int size = Math.min(batch, n - sent);
                for (int i = 0; i < size; i++) {
                    ps.setString(1, Payloads.json(sent + i, System.nanoTime()));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                sent += size;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Claims and deletes {@code n} rows with {@code consumers} threads, {@code batch} per statement. */
    @Override
    public double consume(int n, int batch, int consumers) throws Exception {
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < consumers; t++) {
                tasks.add(() -> {
                    try (Connection c = open(); PreparedStatement ps = c.prepareStatement(claimAndDeleteSql())) {
                        ps.setInt(1, batch);
                        while (done.get() < n) {
                            int got = 0;
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    rs.getString(2);
                                    got++;
                                }
                            } catch (SQLException e) {
                                if (!retryable(e)) {
                                    throw e;
                                }
                            }
                            done.addAndGet(got);
                        }
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
            return done.get() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a failed claim may simply be tried again (a busy single-writer database). */
    protected boolean retryable(SQLException e) {
        return false;
    }
}
