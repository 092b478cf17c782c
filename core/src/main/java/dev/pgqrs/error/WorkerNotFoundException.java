package dev.pgqrs.error;

/** An operation named a worker that is not registered. */
public class WorkerNotFoundException extends PgqrsException {
    public WorkerNotFoundException(String message) {
        super(message);
    }
}
