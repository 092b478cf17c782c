package dev.pgqrs;

/** What acknowledging a message does to its row. */
public enum AckMode {
    /** Keep the row, marked archived (auditable; purge later with a retention policy). The default. */
    ARCHIVE,
    /** Delete the row. */
    DELETE
}
