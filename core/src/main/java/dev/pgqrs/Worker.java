package dev.pgqrs;

import dev.pgqrs.error.WorkerNotFoundException;
import dev.pgqrs.error.WorkerStateException;

/** A registered worker: heartbeats, lifecycle moves, and producers and consumers that record it. */
public final class Worker {
    private final Store store;
    private final long id;
    private final String name;
    private final QueueInfo queue;

    Worker(Store store, long id, String name, QueueInfo queue) {
        this.store = store;
        this.id = id;
        this.name = name;
        this.queue = queue;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public WorkerInfo info() {
        return store.workerStore().find(id).orElseThrow(() -> new WorkerNotFoundException(
                "Worker '" + name + "' (id " + id + ") is no longer registered."));
    }

    public WorkerState state() {
        return info().state();
    }

    public void heartbeat() {
        if (!store.workerStore().heartbeat(id)) {
            throw new WorkerStateException("Worker '" + name + "' cannot heartbeat: it is stopped or gone. Register it again.");
        }
    }

    /** Moves to {@code target} if the current state allows it; throws {@link WorkerStateException} otherwise. */
    public void moveTo(WorkerState target) {
        for (int attempt = 0; attempt < 3; attempt++) {
            WorkerState current = state();
            if (!current.canMoveTo(target)) {
                throw new WorkerStateException("Worker '" + name + "' cannot move from " + current.columnValue() + " to "
                        + target.columnValue() + "; from " + current.columnValue() + " it may move to " + current.next() + ".");
            }
            if (store.workerStore().compareAndSetState(id, current, target)) {
                return;
            }
        }
        throw new WorkerStateException("Worker '" + name + "' kept changing state under us while moving to "
                + target.columnValue() + "; try again.");
    }

    public void poll() {
        moveTo(WorkerState.POLLING);
    }

    public void suspend() {
        moveTo(WorkerState.SUSPENDED);
    }

    public void resume() {
        moveTo(WorkerState.READY);
    }

    public void interrupt() {
        moveTo(WorkerState.INTERRUPTED);
    }

    public void stop() {
        moveTo(WorkerState.STOPPED);
    }

    /** A consumer whose claims record this worker, so its messages can be released if it dies. */
    public Consumer consumer(String queueName) {
        return new Consumer(store, store.admin().queue(queueName), id);
    }

    public Producer producer(String queueName) {
        return new Producer(store, store.admin().queue(queueName), id);
    }
}
