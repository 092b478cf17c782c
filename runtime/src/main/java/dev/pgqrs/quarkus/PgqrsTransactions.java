package dev.pgqrs.quarkus;

import java.util.function.Supplier;

/**
 * The caller's JTA transaction, as pgqrs writes see it. There is a bean only when pgqrs shares a
 * Quarkus datasource ({@code quarkus.pgqrs.datasource}): then a write on a thread inside a
 * transaction runs on that transaction's enlisted connection and commits or rolls back with it.
 */
public interface PgqrsTransactions {

    /** True when the current thread is inside a transaction that a write on the shared datasource joins. */
    boolean joinable();

    /** Runs {@code action} once the current transaction has committed; never when it rolls back. */
    void afterCommit(Runnable action);

    /** Makes sure the current transaction cannot commit, e.g. after a write in it failed. */
    void setRollbackOnly();

    /** Runs {@code work} in a transaction of its own, the caller's suspended meanwhile. */
    <T> T inNewTransaction(Supplier<T> work);
}
