package dev.pgqrs.jdbc;

import dev.pgqrs.internal.Migration;
import dev.pgqrs.internal.Migrations;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs migrations over JDBC. {@code lockStatement} (may be null) is executed first in each migration
 * transaction to keep concurrent installers apart.
 */
public final class JdbcMigrationTarget implements Migrations.Target {
    private final Jdbc jdbc;
    private final String historyTable;
    private final String createHistorySql;
    private final String lockStatement;

    public JdbcMigrationTarget(Jdbc jdbc, String historyTable, String createHistorySql, String lockStatement) {
        this.jdbc = jdbc;
        this.historyTable = historyTable;
        this.createHistorySql = createHistorySql;
        this.lockStatement = lockStatement;
    }

    @Override
    public void ensureHistory() {
        jdbc.transaction("create the schema history table", c -> {
            try (Statement s = c.createStatement()) {
                if (lockStatement != null) {
                    s.execute(lockStatement);
                }
                s.execute(createHistorySql);
            }
            return null;
        });
    }

    @Override
    public Set<Integer> appliedVersions() {
        return jdbc.call("read the schema history", c -> {
            Set<Integer> versions = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM " + historyTable)) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
            return versions;
        });
    }

    @Override
    public void apply(Migration migration) {
        jdbc.transaction("apply schema migration " + migration.version() + " (" + migration.description() + ")", c -> {
            try (Statement s = c.createStatement()) {
                if (lockStatement != null) {
                    s.execute(lockStatement);
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + historyTable + " WHERE version = " + migration.version())) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return null;
                    }
                }
                for (String sql : migration.statements()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + historyTable + " (version, description) VALUES (?, ?)")) {
                ps.setInt(1, migration.version());
                ps.setString(2, migration.description());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
