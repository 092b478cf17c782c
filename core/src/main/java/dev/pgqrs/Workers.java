package dev.pgqrs;

import dev.pgqrs.error.WorkerNotFoundException;
import dev.pgqrs.error.WorkerStateException;
import dev.pgqrs.internal.Durations;
import dev.pgqrs.internal.Names;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Worker registration and lifecycle. A worker is a named consumer or producer process; its heartbeat
 * shows it is alive, and a stopped or stale worker's messages can be handed back to the queue.
 */
public final class Workers {
    private final Store store;

    Workers(Store store) {
        this.store = store;
    }

    /** Registers a worker not tied to a queue. */
    public Worker register(String name) {
        return register(name, null);
    }

    /**
     * Registers a worker under a unique name. A name whose worker was stopped is taken over (started
     * again); a name held by a live worker is refused.
     */
    public Worker register(String name, String queue) {
        Names.requireWorkerName(name);
        QueueInfo q = queue == null ? null : store.admin().queue(queue);
        String host = hostname();
        long pid = ProcessHandle.current().pid();
        Optional<WorkerInfo> existing = store.workerStore().find(name);
        if (existing.isPresent()) {
            WorkerInfo w = existing.get();
            if (w.state() != WorkerState.STOPPED) {
                throw new WorkerStateException("Worker name '" + name + "' is in use by a " + w.state().columnValue()
                        + " worker on " + w.hostname() + " (pid " + w.pid() + "). Choose another name, or stop that worker first.");
            }
            if (!store.workerStore().revive(w.id(), host, pid)) {
                throw new WorkerStateException("Worker '" + name + "' changed state while being taken over; register again.");
            }
            return new Worker(store, w.id(), name, q);
        }
        WorkerInfo created = store.workerStore().insert(name, q, host, pid);
        return new Worker(store, created.id(), name, q);
    }

    public List<WorkerInfo> list() {
        return store.workerStore().list();
    }

    public WorkerInfo get(String name) {
        return store.workerStore().find(name).orElseThrow(() -> new WorkerNotFoundException(
                "No worker named '" + name + "' is registered."));
    }

    /** Workers not stopped whose last heartbeat is older than {@code olderThan}: probably dead. */
    public List<WorkerInfo> stale(Duration olderThan) {
        Durations.requireNotNegative(olderThan, "staleness threshold", "*");
        return store.workerStore().stale(olderThan);
    }

    /**
     * Hands the messages a worker holds back to their queues, ready now. Only for a stopped worker,
     * or one declared dead because its heartbeat is stale; returns how many were released.
     */
    public long releaseMessages(String name) {
        WorkerInfo w = get(name);
        if (w.state() != WorkerState.STOPPED && w.state() != WorkerState.INTERRUPTED) {
            throw new WorkerStateException("Worker '" + name + "' is " + w.state().columnValue()
                    + "; only a stopped or interrupted worker's messages can be released. Stop it first.");
        }
        long n = store.messageStore().releaseHeldBy(w.id());
        store.queueStore().list().forEach(q -> store.wakeups().published(q.name()));
        return n;
    }

    static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }
}
