package dev.pgqrs.error;

/**
 * The database refused the credentials (a wrong, expired or missing password or token). Retrying
 * will not help; the message names the setting to change.
 */
public class StoreAuthenticationException extends StoreUnavailableException {
    public StoreAuthenticationException(String message) {
        super(message);
    }
}
