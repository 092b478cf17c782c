package dev.pgqrs.error;

/** A connection string that pgqrs cannot use: unknown scheme, missing parts, or a store not built in. */
public class InvalidDsnException extends PgqrsException {
    public InvalidDsnException(String message) {
        super(message);
    }
}
