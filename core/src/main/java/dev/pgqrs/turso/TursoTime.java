package dev.pgqrs.turso;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Timestamps as the SQLite layout of upstream pgqrs stores them: UTC text {@code YYYY-MM-DD HH:MM:SS[.fff]},
 * which sorts and compares correctly as plain text. Times come from the database clock (one clock
 * for every client), with millisecond precision.
 */
final class TursoTime {
    /** The database's current time. */
    static final String NOW = "strftime('%Y-%m-%d %H:%M:%f','now')";

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

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
        return WRITE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant parse(String text) {
        return text == null ? null : LocalDateTime.parse(text.trim(), READ).toInstant(ZoneOffset.UTC);
    }
}
