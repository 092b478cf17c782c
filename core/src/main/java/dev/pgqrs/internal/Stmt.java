package dev.pgqrs.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One SQL statement with positional arguments (Hrana servers ignore named ones). Arguments may be
 * {@code null}, {@link Long}, {@link Integer}, {@link Double}, {@link String}, {@link Boolean} or {@code byte[]}.
 */
public record Stmt(String sql, List<Object> args) {

    public static Stmt of(String sql, Object... args) {
        return new Stmt(sql, Collections.unmodifiableList(new ArrayList<>(Arrays.asList(args))));
    }
}
