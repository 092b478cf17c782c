package dev.pgqrs.bench;

/**
 * The benchmark message: a small JSON object that carries its send time ({@link System#nanoTime()}
 * of the sending JVM), so a consumer in the same JVM can measure enqueue-to-delivery latency without
 * a header or a JSON parser.
 */
public final class Payloads {
    private static final String FILLER = "\"body\":\"a small JSON message of about a hundred bytes\"}";

    private Payloads() {
    }

    public static String json(long sequence, long sentNanos) {
        return "{\"n\":" + sequence + ",\"t\":" + sentNanos + "," + FILLER;
    }

    /** The send time written by {@link #json}; reads digits after {@code "t":} without allocating. */
    public static long sentNanos(String json) {
        int i = json.indexOf("\"t\":");
        if (i < 0) {
            throw new IllegalArgumentException("Not a benchmark payload: " + json);
        }
        i += 4;
        // The payload may have gone through a jsonb column, which adds a space after the colon.
        while (json.charAt(i) == ' ') {
            i++;
        }
        boolean negative = json.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        for (char ch; i < json.length() && (ch = json.charAt(i)) >= '0' && ch <= '9'; i++) {
            v = v * 10 + (ch - '0');
        }
        return negative ? -v : v;
    }
}
