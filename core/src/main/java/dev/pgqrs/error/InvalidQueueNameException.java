package dev.pgqrs.error;

/** A queue name that breaks the naming rule (see {@link dev.pgqrs.internal.Names#QUEUE_NAME_RULE}). */
public class InvalidQueueNameException extends PgqrsException {
    public InvalidQueueNameException(String message) {
        super(message);
    }
}
