package dev.pgqrs;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a worker. Allowed moves:
 * <pre>
 *   READY ⇄ POLLING      READY/POLLING → SUSPENDED → READY
 *   READY/POLLING/SUSPENDED → INTERRUPTED → STOPPED
 *   any state but STOPPED → STOPPED (final)
 * </pre>
 */
public enum WorkerState {
    READY, POLLING, SUSPENDED, INTERRUPTED, STOPPED;

    public Set<WorkerState> next() {
        return switch (this) {
            case READY -> EnumSet.of(POLLING, SUSPENDED, INTERRUPTED, STOPPED);
            case POLLING -> EnumSet.of(READY, SUSPENDED, INTERRUPTED, STOPPED);
            case SUSPENDED -> EnumSet.of(READY, INTERRUPTED, STOPPED);
            case INTERRUPTED -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(WorkerState.class);
        };
    }

    public boolean canMoveTo(WorkerState target) {
        return next().contains(target);
    }

    /** The value stored in the {@code status} column. */
    public String columnValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static WorkerState fromColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
