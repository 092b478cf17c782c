package dev.pgqrs.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The store the application is built for, and where that choice came from; {@code kind} is null when
 * neither {@code quarkus.pgqrs.store} nor a DSN is known at build time.
 */
public final class PgqrsStoreKindBuildItem extends SimpleBuildItem {
    private final String kind;
    private final String source;
    private final String problem;

    PgqrsStoreKindBuildItem(String kind, String source, String problem) {
        this.kind = kind;
        this.source = source;
        this.problem = problem;
    }

    public String kind() {
        return kind;
    }

    /** "quarkus.pgqrs.store" or "quarkus.pgqrs.dsn". */
    public String source() {
        return source;
    }

    /** A configuration error found while choosing, reported in the validation phase. */
    String problem() {
        return problem;
    }

    String describe() {
        return kind == null ? "unknown store (set quarkus.pgqrs.store)" : kind;
    }
}
