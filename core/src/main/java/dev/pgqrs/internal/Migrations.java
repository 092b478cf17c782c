package dev.pgqrs.internal;

import dev.pgqrs.error.StoreException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Applies a store's migrations in version order, each once, recording each version; installing
 * twice is a no-op. The store supplies how to run them ({@link Target}); the order, the bookkeeping
 * and the refusal of a schema newer than this library live here once.
 */
public final class Migrations {

    /** How one store runs migrations. */
    public interface Target {
        /** Creates the history table if missing. */
        void ensureHistory();

        Set<Integer> appliedVersions();

        /**
         * Runs the migration's statements and records its version atomically, unless another installer
         * recorded it first (the target re-checks under its lock).
         */
        void apply(Migration migration);
    }

    private Migrations() {
    }

    public static int migrate(String store, List<Migration> migrations, Target target) {
        target.ensureHistory();
        Set<Integer> applied = target.appliedVersions();
        int latest = migrations.stream().mapToInt(Migration::version).max().orElse(0);
        int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (newest > latest) {
            throw new StoreException("The " + store + " schema is at version " + newest + ", newer than version " + latest
                    + " that this pgqrs understands. Upgrade pgqrs in this application, or point it at another schema.");
        }
        int count = 0;
        for (Migration m : migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList()) {
            if (!applied.contains(m.version())) {
                target.apply(m);
                count++;
            }
        }
        return count;
    }
}
