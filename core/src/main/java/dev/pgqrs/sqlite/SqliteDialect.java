package dev.pgqrs.sqlite;

import dev.pgqrs.internal.SqlExecutor;
import dev.pgqrs.spi.AbstractStore.Repositories;

/**
 * The repositories of the SQLite dialect over any {@link SqlExecutor}: the SQLite store runs them over
 * JDBC, the Turso store over Hrana. The SQL ({@link SqliteSql}), schema ({@link SqliteSchema}) and
 * time layout ({@link SqliteTime}) are the same for both.
 */
public final class SqliteDialect {
    private SqliteDialect() {
    }

    public static Repositories repositories(SqlExecutor sql) {
        return new Repositories(new SqliteQueueStore(sql), new SqliteMessageStore(sql), new SqliteWorkerStore(sql));
    }
}
