package dev.pgqrs.internal;

import java.util.List;

/**
 * The rows one statement returned, whichever way it travelled; values are {@code null}, {@link Long},
 * {@link Double}, {@link String} or {@code byte[]}.
 */
public record Rows(List<String> columns, List<List<Object>> rows) {

    public static final Rows NONE = new Rows(List.of(), List.of());

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public Object get(int row, int column) {
        return rows.get(row).get(column);
    }

    public long getLong(int row, int column) {
        Object v = get(row, column);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            return Long.parseLong(s);
        }
        throw new IllegalStateException("Column '" + columns.get(column) + "' holds " + v + ", not an integer");
    }

    public Long getNullableLong(int row, int column) {
        return get(row, column) == null ? null : getLong(row, column);
    }

    public int getInt(int row, int column) {
        return Math.toIntExact(getLong(row, column));
    }

    public boolean getBoolean(int row, int column) {
        return getLong(row, column) != 0;
    }

    public String getString(int row, int column) {
        Object v = get(row, column);
        return v == null ? null : v.toString();
    }
}
