package dev.pgqrs.turso;

import dev.pgqrs.internal.Migration;
import dev.pgqrs.internal.Migrations;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.Stmt;
import dev.pgqrs.sqlite.SqliteSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs migrations over Hrana. Each migration is one transaction batch that first records its version:
 * when another installer recorded it already, that insert fails, the batch rolls back, and the
 * migration counts as done (its ALTER TABLE statements are not idempotent, so this fence matters).
 */
final class TursoMigrationTarget implements Migrations.Target {
    private final HranaClient client;

    TursoMigrationTarget(HranaClient client) {
        this.client = client;
    }

    @Override
    public void ensureHistory() {
        client.execute("create the schema history table", Stmt.of(SqliteSchema.CREATE_HISTORY));
    }

    @Override
    public Set<Integer> appliedVersions() {
        Rows rows = client.execute("read the schema history", Stmt.of("SELECT version FROM " + SqliteSchema.HISTORY_TABLE));
        Set<Integer> versions = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            versions.add((int) rows.getLong(i, 0));
        }
        return versions;
    }

    @Override
    public void apply(Migration migration) {
        List<Stmt> statements = new ArrayList<>();
        statements.add(Stmt.of("INSERT INTO " + SqliteSchema.HISTORY_TABLE + " (version, description) VALUES (?, ?)",
                migration.version(), migration.description()));
        migration.statements().forEach(sql -> statements.add(Stmt.of(sql)));
        try {
            client.transaction("apply schema migration " + migration.version() + " (" + migration.description() + ")", statements);
        } catch (HranaSqlException e) {
            if (!e.isUniqueViolation() || !appliedVersions().contains(migration.version())) {
                throw e;
            }
        }
    }
}
