package dev.pgqrs.error;

/**
 * The root of every error pgqrs raises. Unchecked: a queue operation that fails has either written
 * nothing or is safe to retry, and each subclass says which problem occurred and how to fix it.
 */
public class PgqrsException extends RuntimeException {
    public PgqrsException(String message) {
        super(message);
    }

    public PgqrsException(String message, Throwable cause) {
        super(message, cause);
    }
}
