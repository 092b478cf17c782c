package dev.pgqrs.spi;

import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;

/**
 * What every store has in common: its kind, description, capabilities, repositories and wake-ups,
 * and the rule that a store which fails while opening closes what it opened. A store class supplies
 * these parts once, builds its own resources, and implements {@link #migrate()}, {@link #ping()} and
 * {@link #closeResources()}.
 */
public abstract class AbstractStore implements Store {

    /** The three repositories of a store. */
    public record Repositories(QueueStore queues, MessageStore messages, WorkerStore workers) {
    }

    private final String kind;
    private final String description;
    private final StoreCapabilities capabilities;
    private final Repositories repositories;
    private final Wakeups wakeups;

    protected AbstractStore(String kind, String description, StoreCapabilities capabilities, Repositories repositories,
            Wakeups wakeups) {
        this.kind = kind;
        this.description = description;
        this.capabilities = capabilities;
        this.repositories = repositories;
        this.wakeups = wakeups;
    }

    /** Installs or upgrades the schema; installing twice is a no-op. Returns how many migrations ran. */
    public abstract int migrate();

    /** Releases what the store owns (pools, connections), after the wake-ups are closed. */
    protected abstract void closeResources();

    /** Runs the last step of opening (e.g. migrations); if it fails, closes the store and rethrows. */
    protected final void finishOpening(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final String describe() {
        return description;
    }

    @Override
    public final StoreCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public final QueueStore queueStore() {
        return repositories.queues();
    }

    @Override
    public final MessageStore messageStore() {
        return repositories.messages();
    }

    @Override
    public final WorkerStore workerStore() {
        return repositories.workers();
    }

    @Override
    public final Wakeups wakeups() {
        return wakeups;
    }

    @Override
    public final void close() {
        wakeups.close();
        closeResources();
    }
}
