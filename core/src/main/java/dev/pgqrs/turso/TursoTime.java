package dev.pgqrs.turso;

import dev.pgqrs.sqlite.SqliteSql;
import dev.pgqrs.sqlite.SqliteTime;
import java.time.Instant;

/**
 * Timestamps in the SQLite store's layout (UTC text {@code YYYY-MM-DD HH:MM:SS.SSS}, from the database
 * clock), which the Turso store shares; only the arithmetic the Turso SQL needs is added here.
 */
final class TursoTime {
    /** The database's current time. */
    static final String NOW = SqliteSql.NOW;

    private TursoTime() {
    }

    /** The database's current time moved by the milliseconds bound to {@code param} (julian days avoid text modifiers). */
    static String nowPlusMillis(String param) {
        return "strftime('%Y-%m-%d %H:%M:%f', julianday('now') + " + param + " / 86400000.0)";
    }

    static String nowMinusMillis(String param) {
        return "strftime('%Y-%m-%d %H:%M:%f', julianday('now') - " + param + " / 86400000.0)";
    }

    static String format(Instant instant) {
        return SqliteTime.format(instant);
    }

    static Instant parse(String text) {
        return SqliteTime.parse(text);
    }
}
