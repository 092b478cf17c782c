package dev.pgqrs.error;

/**
 * The database could not be reached or stopped answering. The operation that raised it either did
 * not happen or, where its outcome is unknown, the message says so.
 */
public class StoreUnavailableException extends PgqrsException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
