package dev.pgqrs.sqlite;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.WorkerInfo;
import dev.pgqrs.WorkerState;
import dev.pgqrs.error.WorkerStateException;
import dev.pgqrs.internal.Rows;
import dev.pgqrs.internal.SqlExecutor;
import dev.pgqrs.internal.Stmt;
import dev.pgqrs.spi.WorkerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Workers in the SQLite dialect, for the SQLite and the Turso store alike: each method is one executor call. */
final class SqliteWorkerStore implements WorkerStore {
    private final SqlExecutor sql;

    SqliteWorkerStore(SqlExecutor sql) {
        this.sql = sql;
    }

    private static List<WorkerInfo> map(Rows rows) {
        List<WorkerInfo> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Long pid = rows.getNullableLong(i, 4);
            out.add(new WorkerInfo(rows.getLong(i, 0), rows.getString(i, 1), rows.getString(i, 2), rows.getString(i, 3),
                    pid == null ? 0 : pid, WorkerState.fromColumn(rows.getString(i, 5)), SqliteTime.parse(rows.getString(i, 6)),
                    SqliteTime.parse(rows.getString(i, 7))));
        }
        return out;
    }

    @Override
    public WorkerInfo insert(String name, QueueInfo queue, String hostname, long pid) {
        List<Rows> results = sql.transaction("register worker '" + name + "'", List.of(
                Stmt.of(SqliteSql.INSERT_WORKER, name, queue == null ? null : queue.id(), hostname, pid),
                Stmt.of(SqliteSql.SELECT_WORKERS + " WHERE w.name = ?", name)));
        if (results.get(0).isEmpty()) {
            throw new WorkerStateException("Worker name '" + name + "' was registered by someone else just now. Choose another name.");
        }
        return map(results.get(1)).get(0);
    }

    @Override
    public Optional<WorkerInfo> find(String name) {
        return first(sql.query("look up worker '" + name + "'", Stmt.of(SqliteSql.SELECT_WORKERS + " WHERE w.name = ?", name)));
    }

    @Override
    public Optional<WorkerInfo> find(long id) {
        return first(sql.query("look up worker " + id, Stmt.of(SqliteSql.SELECT_WORKERS + " WHERE w.id = ?", id)));
    }

    private static Optional<WorkerInfo> first(Rows rows) {
        return map(rows).stream().findFirst();
    }

    @Override
    public List<WorkerInfo> list() {
        return map(sql.query("list workers", Stmt.of(SqliteSql.SELECT_WORKERS + " ORDER BY w.id")));
    }

    @Override
    public List<WorkerInfo> stale(Duration olderThan) {
        return map(sql.query("list stale workers", Stmt.of(SqliteSql.STALE_WORKERS, olderThan.toMillis())));
    }

    @Override
    public boolean heartbeat(long id) {
        return !sql.write("heartbeat worker " + id, Stmt.of(SqliteSql.HEARTBEAT, id)).isEmpty();
    }

    @Override
    public boolean compareAndSetState(long id, WorkerState expected, WorkerState next) {
        return !sql.write("move worker " + id + " to " + next.columnValue(), Stmt.of(SqliteSql.SET_WORKER_STATE,
                next.columnValue(), next == WorkerState.STOPPED, id, expected.columnValue())).isEmpty();
    }

    @Override
    public boolean revive(long id, String hostname, long pid) {
        return !sql.write("restart worker " + id, Stmt.of(SqliteSql.REVIVE_WORKER, hostname, pid, id)).isEmpty();
    }

    @Override
    public boolean delete(long id) {
        List<Stmt> steps = new ArrayList<>();
        for (String statement : SqliteSql.DELETE_WORKER) {
            steps.add(Stmt.of(statement, id));
        }
        return !sql.transaction("delete worker " + id, steps).get(steps.size() - 1).isEmpty();
    }
}
