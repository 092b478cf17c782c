package dev.pgqrs.sqlite;

import dev.pgqrs.error.PgqrsException;
import dev.pgqrs.error.StoreBusyException;
import dev.pgqrs.error.StoreException;
import dev.pgqrs.error.StoreUnavailableException;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.SqlExecutor;
import dev.pgqrs.internal.Stmt;
import dev.pgqrs.jdbc.Jdbc;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite database file as the repositories use it: reads run on any pooled connection (WAL lets
 * them proceed during a write), writes take the process's writer lock for the file first, so threads
 * of this process (even through several store objects on one file) never race each other for SQLite's
 * one write lock. Another process can still hold the file's lock; then the busy timeout applies.
 */
final class SqliteDatabase implements SqlExecutor {
    /** One writer lock per database file in this JVM, shared by every store object on that file. */
    private static final Map<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

    private final Jdbc jdbc;
    private final ReentrantLock writer;

    SqliteDatabase(Path file, DataSource dataSource, String description, Duration busyTimeout) {
        this.jdbc = new Jdbc(dataSource, description, (e, op) -> translate(e, op, description, busyTimeout));
        this.writer = WRITERS.computeIfAbsent(canonical(file), f -> new ReentrantLock(true));
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            // The probe has just opened the file, so this is unexpected; the absolute path is the next best key.
            return file.toAbsolutePath().normalize();
        }
    }

    Jdbc jdbc() {
        return jdbc;
    }

    /** Runs {@code work} holding the writer lock, e.g. schema migrations that manage their own transactions. */
    <T> T exclusively(java.util.function.Supplier<T> work) {
        writer.lock();
        try {
            return work.get();
        } finally {
            writer.unlock();
        }
    }

    /** Reads run on any pooled connection, without the writer lock: WAL lets them proceed during a write. */
    @Override
    public Rows query(String operation, Stmt statement) {
        return jdbc.call(operation, c -> Jdbc.run(c, statement));
    }

    @Override
    public Rows write(String operation, Stmt statement) {
        return exclusively(() -> jdbc.call(operation, c -> Jdbc.run(c, statement)));
    }

    @Override
    public long update(String operation, Stmt statement) {
        return exclusively(() -> jdbc.call(operation, c -> Jdbc.runUpdate(c, statement)));
    }

    /**
     * {@code BEGIN IMMEDIATE} takes the database's write lock up front (waiting up to the busy
     * timeout), so what the transaction reads cannot change before it writes.
     */
    @Override
    public List<Rows> transaction(String operation, List<Stmt> statements) {
        return exclusively(() -> jdbc.call(operation, c -> {
            exec(c, "BEGIN IMMEDIATE");
            try {
                List<Rows> results = new ArrayList<>(statements.size());
                for (Stmt statement : statements) {
                    results.add(Jdbc.run(c, statement));
                }
                exec(c, "COMMIT");
                return results;
            } catch (SQLException | RuntimeException e) {
                try {
                    exec(c, "ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }));
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Maps SQLite result codes to typed errors that say what happened and what to change. */
    static PgqrsException translate(SQLException e, String operation, String description, Duration busyTimeout) {
        if (!(e instanceof SQLiteException)) {
            return null;
        }
        int primary = e.getErrorCode() & 0xFF;
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return new StoreBusyException("Could not " + operation + ": " + description + " stayed locked by another "
                    + "connection or process for longer than the busy timeout (" + busyTimeout.toMillis() + " ms). Nothing was "
                    + "changed; retrying is safe. SQLite allows one writer at a time: make sure only one process uses this "
                    + "file, or raise busyTimeout.", e);
        }
        if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
            return new StoreException("Could not " + operation + ": " + description + " is full (the disk, or the "
                    + "database's max_page_count). Nothing was changed. Free disk space or raise the limit.", e);
        }
        if (primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new StoreUnavailableException("Could not " + operation + ": " + description + " is not a SQLite database "
                    + "or is damaged (" + e.getMessage() + "). Point the store at a pgqrs SQLite file or a new path.", e);
        }
        if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code || primary == SQLiteErrorCode.SQLITE_READONLY.code
                || primary == SQLiteErrorCode.SQLITE_PERM.code || primary == SQLiteErrorCode.SQLITE_IOERR.code) {
            return new StoreUnavailableException("Could not " + operation + ": cannot open or write " + description + " ("
                    + e.getMessage() + "). Check that the directory exists and that this process may write the file, "
                    + "its -wal and -shm files and the directory.", e);
        }
        return null;
    }
}
