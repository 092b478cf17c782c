package dev.pgqrs.error;

/**
 * The database stayed locked by another connection or process for longer than the store's busy
 * timeout. The operation was not applied; it is safe to retry once the other writer is done.
 */
public class StoreBusyException extends StoreUnavailableException {
    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
