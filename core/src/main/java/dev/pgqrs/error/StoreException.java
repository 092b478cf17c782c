package dev.pgqrs.error;

/** The database refused a statement for a reason that is not one of the more specific errors. */
public class StoreException extends PgqrsException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
