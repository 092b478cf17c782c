package dev.pgqrs;

import dev.pgqrs.error.InvalidDsnException;
import dev.pgqrs.postgres.PostgresStore;
import dev.pgqrs.sqlite.SqliteStore;
import dev.pgqrs.turso.TursoStore;
import java.util.Locale;

/** The entry point: {@code Store store = Pgqrs.connect("postgresql://localhost/app");} */
public final class Pgqrs {

    /** The schemes {@link #connect(String)} recognises, for error messages and docs. */
    public static final String ACCEPTED_SCHEMES =
            "postgresql://, postgres://, jdbc:postgresql: (PostgreSQL); sqlite:, jdbc:sqlite: (SQLite); "
                    + "libsql://, turso://, http://, https:// (Turso)";

    private Pgqrs() {
    }

    /** Which store a DSN names: {@code postgres}, {@code sqlite} or {@code turso}. */
    public static String storeKind(String dsn) {
        if (dsn == null || dsn.isBlank()) {
            throw new InvalidDsnException("The DSN is empty. Accepted schemes: " + ACCEPTED_SCHEMES + ".");
        }
        String d = dsn.trim().toLowerCase(Locale.ROOT);
        if (d.startsWith("postgresql://") || d.startsWith("postgres://") || d.startsWith("jdbc:postgresql:")) {
            return PostgresStore.KIND;
        }
        if (d.startsWith("sqlite:") || d.startsWith("jdbc:sqlite:")) {
            return "sqlite";
        }
        if (d.startsWith("libsql://") || d.startsWith("turso://") || d.startsWith("http://") || d.startsWith("https://")) {
            return TursoStore.KIND;
        }
        String scheme = d.contains(":") ? d.substring(0, d.indexOf(':')) : d;
        throw new InvalidDsnException("Unknown DSN scheme '" + scheme + "' in '" + redact(dsn) + "'. Accepted schemes: "
                + ACCEPTED_SCHEMES + ".");
    }

    /** Opens the store a DSN names, installing or upgrading its schema. */
    public static Store connect(String dsn) {
        String kind = storeKind(dsn);
        switch (kind) {
            case PostgresStore.KIND:
                return PostgresStore.builder().dsn(dsn.trim()).build();
            case SqliteStore.KIND:
                return SqliteStore.builder().dsn(dsn.trim()).build();
            case TursoStore.KIND:
                return TursoStore.builder().url(dsn.trim()).build();
            default:
                throw new InvalidDsnException("The " + kind + " store is not available yet in this version of pgqrs ('"
                        + redact(dsn) + "'). Use a PostgreSQL DSN (postgresql://user:password@host:5432/database).");
        }
    }

    static String redact(String dsn) {
        return dsn.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)((password|authToken)=)[^&]*", "$1***");
    }
}
