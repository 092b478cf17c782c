package dev.pgqrs.jdbc;

import dev.pgqrs.error.PgqrsException;
import dev.pgqrs.error.StoreException;
import dev.pgqrs.error.StoreUnavailableException;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.Stmt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Connection handling and error translation shared by the JDBC stores (PostgreSQL and SQLite). */
public final class Jdbc {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Translates a driver error into a specific exception; returns null for the generic handling. */
    @FunctionalInterface
    public interface ErrorTranslator {
        PgqrsException translate(SQLException e, String operation);
    }

    private final DataSource dataSource;
    private final String storeDescription;
    private final ErrorTranslator translator;

    public Jdbc(DataSource dataSource, String storeDescription, ErrorTranslator translator) {
        this.dataSource = dataSource;
        this.storeDescription = storeDescription;
        this.translator = translator;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode (each statement its own transaction). */
    public <T> T call(String operation, Work<T> work) {
        try (Connection c = connect(operation)) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e, operation);
        }
    }

    /** Runs {@code work} in one transaction, rolled back on any failure. */
    public <T> T transaction(String operation, Work<T> work) {
        try (Connection c = connect(operation)) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, auto);
            }
        } catch (SQLException e) {
            throw translate(e, operation);
        }
    }

    /** Runs one statement on {@code c}; its rows when it returns any (a query, or a write with RETURNING). */
    public static Rows run(Connection c, Stmt statement) throws SQLException {
        try (PreparedStatement ps = prepare(c, statement)) {
            return ps.execute() ? rows(ps.getResultSet()) : Rows.NONE;
        }
    }

    /** Runs one write on {@code c} and returns how many rows it changed. */
    public static long runUpdate(Connection c, Stmt statement) throws SQLException {
        try (PreparedStatement ps = prepare(c, statement)) {
            return ps.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, Stmt statement) throws SQLException {
        PreparedStatement ps = c.prepareStatement(statement.sql());
        try {
            List<Object> args = statement.args();
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** Reads every row; integers become {@link Long} whatever width the driver chose, as they arrive over Hrana. */
    private static Rows rows(ResultSet rs) throws SQLException {
        try (rs) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            List<String> columns = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> out = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof Integer || v instanceof Short || v instanceof Byte ? ((Number) v).longValue() : v);
                }
                out.add(row);
            }
            return new Rows(columns, out);
        }
    }

    private Connection connect(String operation) throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot " + operation + ": no connection to " + storeDescription + " ("
                    + e.getMessage() + "). Check that the database is running and that the DSN, user and password are right.", e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean auto) throws SQLException {
        if (!c.isClosed()) {
            c.setAutoCommit(auto);
        }
    }

    public PgqrsException translate(SQLException e, String operation) {
        PgqrsException specific = translator.translate(e, operation);
        if (specific != null) {
            return specific;
        }
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"))) {
            return new StoreUnavailableException("Lost the connection to " + storeDescription + " while trying to " + operation
                    + " (" + e.getMessage() + "). If this was a write, it may or may not have been committed.", e);
        }
        return new StoreException("Could not " + operation + " in " + storeDescription + ": " + e.getMessage()
                + (state == null ? "" : " [SQLState " + state + "]"), e);
    }
}
