package dev.pgqrs.error;

/** A payload or header map that is not valid JSON. Nothing of the batch it belonged to was written. */
public class InvalidPayloadException extends PgqrsException {
    public InvalidPayloadException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidPayloadException(String message) {
        super(message);
    }
}
