package dev.pgqrs.error;

/** An argument out of its range: a non-positive visibility timeout, a batch size below 1, and so on. */
public class InvalidArgumentException extends PgqrsException {
    public InvalidArgumentException(String message) {
        super(message);
    }
}
