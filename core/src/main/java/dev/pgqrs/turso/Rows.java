package dev.pgqrs.turso;

import java.util.List;

/** The rows one statement returned; values are {@code null}, {@link Long}, {@link Double}, {@link String} or {@code byte[]}. */
record Rows(List<String> columns, List<List<Object>> rows) {

    static final Rows NONE = new Rows(List.of(), List.of());

    int size() {
        return rows.size();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    Object get(int row, int column) {
        return rows.get(row).get(column);
    }

    long getLong(int row, int column) {
        Object v = get(row, column);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d.longValue();
        }
        if (v instanceof String s) {
            return Long.parseLong(s);
        }
        throw new IllegalStateException("Column '" + columns.get(column) + "' holds " + v + ", not an integer");
    }

    Long getNullableLong(int row, int column) {
        return get(row, column) == null ? null : getLong(row, column);
    }

    String getString(int row, int column) {
        Object v = get(row, column);
        return v == null ? null : v.toString();
    }
}
