package dev.pgqrs.error;

/** A worker lifecycle change that its current state does not allow, or a name already in use. */
public class WorkerStateException extends PgqrsException {
    public WorkerStateException(String message) {
        super(message);
    }
}
