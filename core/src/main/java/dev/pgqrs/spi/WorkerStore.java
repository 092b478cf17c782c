package dev.pgqrs.spi;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.WorkerInfo;
import dev.pgqrs.WorkerState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The workers table of one store. */
public interface WorkerStore {

    /**
     * Inserts a worker in state READY; throws {@link dev.pgqrs.error.WorkerStateException} when the
     * name is taken.
     */
    WorkerInfo insert(String name, QueueInfo queue, String hostname, long pid);

    Optional<WorkerInfo> find(String name);

    Optional<WorkerInfo> find(long id);

    List<WorkerInfo> list();

    /** @return false when the worker does not exist or is stopped */
    boolean heartbeat(long id);

    /** Moves the worker to {@code next} only if it is in {@code expected}; STOPPED also records the shutdown time. */
    boolean compareAndSetState(long id, WorkerState expected, WorkerState next);

    /** Brings a STOPPED worker back to READY with a fresh start and heartbeat time. */
    boolean revive(long id, String hostname, long pid);

    /** Workers not stopped whose last heartbeat is older than {@code olderThan}. */
    List<WorkerInfo> stale(Duration olderThan);

    boolean delete(long id);
}
