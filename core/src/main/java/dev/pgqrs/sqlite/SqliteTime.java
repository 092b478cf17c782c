package dev.pgqrs.sqlite;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Converts between {@link Instant} and the UTC text timestamps of the SQLite schema (see {@link SqliteSql}). */
public final class SqliteTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private SqliteTime() {
    }

    /**
     * The text for a delivery time, rounded up to the next millisecond so a message never becomes
     * visible before the time it was given.
     */
    public static String format(Instant instant) {
        Instant ms = instant.truncatedTo(ChronoUnit.MILLIS);
        return FORMAT.format(ms.isBefore(instant) ? ms.plusMillis(1) : ms);
    }

    /** Reads {@code YYYY-MM-DD HH:MM:SS} with or without a fraction; null stays null. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        return Instant.parse(text.replace(' ', 'T') + "Z");
    }
}
