package dev.pgqrs.internal;

import java.util.List;

/**
 * How the SQLite-dialect repositories reach their database: over JDBC to a SQLite file, or over Hrana
 * to a Turso server. Each call is one atomic unit (one statement, or one transaction), and for Hrana
 * one HTTP request, so a repository method stays one round trip whichever executor runs it.
 */
public interface SqlExecutor {

    /** Runs a statement that only reads. */
    Rows query(String operation, Stmt statement);

    /** Runs one auto-committed write and returns what its {@code RETURNING} clause gave (or no rows). */
    Rows write(String operation, Stmt statement);

    /** Runs one auto-committed write and returns how many rows it changed. */
    long update(String operation, Stmt statement);

    /**
     * Runs the statements in order as one transaction that takes the write lock up front (all or
     * nothing), and returns each statement's rows. The list is fixed before it runs: a statement cannot
     * depend on the Java code seeing an earlier one's result, so conditions go into the SQL as guards.
     */
    List<Rows> transaction(String operation, List<Stmt> statements);
}
