package dev.pgqrs.sqlite;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.error.QueueAlreadyExistsException;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.SqlExecutor;
import dev.pgqrs.internal.Stmt;
import dev.pgqrs.spi.QueueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Queues in the SQLite dialect, for the SQLite and the Turso store alike: each method is one executor call. */
final class SqliteQueueStore implements QueueStore {
    private final SqlExecutor sql;

    SqliteQueueStore(SqlExecutor sql) {
        this.sql = sql;
    }

    private static QueueInfo map(Rows rows, int i) {
        return new QueueInfo(rows.getLong(i, 0), rows.getString(i, 1), rows.getInt(i, 2), SqliteTime.parse(rows.getString(i, 3)));
    }

    @Override
    public QueueInfo create(String name, int maxReadCount) {
        Rows rows = sql.write("create queue '" + name + "'", Stmt.of(SqliteSql.CREATE_QUEUE, name, maxReadCount));
        if (rows.isEmpty()) {
            throw new QueueAlreadyExistsException(name);
        }
        return map(rows, 0);
    }

    @Override
    public Optional<QueueInfo> find(String name) {
        Rows rows = sql.query("look up queue '" + name + "'", Stmt.of(SqliteSql.FIND_QUEUE, name));
        return rows.isEmpty() ? Optional.empty() : Optional.of(map(rows, 0));
    }

    @Override
    public List<QueueInfo> list() {
        Rows rows = sql.query("list queues", Stmt.of(SqliteSql.LIST_QUEUES));
        List<QueueInfo> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(map(rows, i));
        }
        return out;
    }

    @Override
    public boolean setMaxReadCount(long queueId, int maxReadCount) {
        return !sql.write("change the max read count of queue " + queueId, Stmt.of(SqliteSql.SET_MAX_READ_COUNT, maxReadCount, queueId))
                .isEmpty();
    }

    @Override
    public long delete(QueueInfo queue, boolean force) {
        List<Stmt> steps = new ArrayList<>();
        steps.add(Stmt.of(SqliteSql.COUNT_IN_FLIGHT, queue.id()));
        steps.add(Stmt.of(force ? SqliteSql.PURGE_QUEUE : SqliteSql.PURGE_QUEUE_UNLESS_IN_FLIGHT, queue.id()));
        for (String statement : SqliteSql.DELETE_EMPTY_QUEUE) {
            steps.add(Stmt.of(statement, queue.id()));
        }
        List<Rows> results = sql.transaction("delete queue '" + queue.name() + "'", steps);
        boolean deleted = !results.get(steps.size() - 1).isEmpty();
        return deleted || force ? 0 : results.get(0).getLong(0, 0);
    }

    @Override
    public long purge(QueueInfo queue) {
        return sql.update("purge queue '" + queue.name() + "'", Stmt.of(SqliteSql.PURGE_QUEUE, queue.id()));
    }

    @Override
    public QueueMetrics metrics(QueueInfo queue) {
        Rows rows = sql.query("read the metrics of queue '" + queue.name() + "'", Stmt.of(SqliteSql.QUEUE_METRICS, queue.id()));
        Long oldest = rows.getNullableLong(0, 5);
        return new QueueMetrics(queue.name(), rows.getLong(0, 0), rows.getLong(0, 1), rows.getLong(0, 2), rows.getLong(0, 3),
                rows.getLong(0, 4), oldest == null ? null : Duration.ofMillis(Math.max(0, oldest)));
    }
}
