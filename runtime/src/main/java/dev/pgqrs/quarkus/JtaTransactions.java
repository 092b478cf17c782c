package dev.pgqrs.quarkus;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Supplier;

/** {@link PgqrsTransactions} over Narayana, registered when pgqrs shares an Agroal datasource. */
@Singleton
public class JtaTransactions implements PgqrsTransactions {

    @Inject
    TransactionSynchronizationRegistry registry;

    @Override
    public boolean joinable() {
        int status = registry.getTransactionStatus();
        // A transaction already marked for rollback is still joined: the write disappears with it, as it should.
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
    }

    @Override
    public void afterCommit(Runnable action) {
        if (registry.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK) {
            return; // it can only roll back
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    @Override
    public void setRollbackOnly() {
        registry.setRollbackOnly();
    }

    @Override
    public <T> T inNewTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
