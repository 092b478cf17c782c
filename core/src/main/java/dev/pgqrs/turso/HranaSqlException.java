package dev.pgqrs.turso;

import dev.pgqrs.error.StoreException;

/** The server ran the request and refused a statement (a constraint, a syntax error, …). Nothing of its transaction was kept. */
final class HranaSqlException extends StoreException {
    private final String serverMessage;

    HranaSqlException(String message, String serverMessage) {
        super(message);
        this.serverMessage = serverMessage;
    }

    boolean isUniqueViolation() {
        return serverMessage != null && serverMessage.contains("UNIQUE constraint failed");
    }
}
