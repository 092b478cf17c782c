package dev.pgqrs.turso;

import static dev.pgqrs.turso.TursoTime.NOW;

import dev.pgqrs.QueueInfo;
import dev.pgqrs.WorkerInfo;
import dev.pgqrs.WorkerState;
import dev.pgqrs.error.WorkerStateException;
import dev.pgqrs.spi.WorkerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class TursoWorkerStore implements WorkerStore {
    private static final String SELECT = "SELECT w.id, w.name, q.queue_name, w.hostname, w.pid, w.status, w.started_at, w.heartbeat_at "
            + "FROM pgqrs_workers w LEFT JOIN pgqrs_queues q ON q.id = w.queue_id";

    private final HranaClient client;

    TursoWorkerStore(HranaClient client) {
        this.client = client;
    }

    private static WorkerInfo map(Rows rows, int i) {
        Long pid = rows.getNullableLong(i, 4);
        return new WorkerInfo(rows.getLong(i, 0), rows.getString(i, 1), rows.getString(i, 2), rows.getString(i, 3),
                pid == null ? 0 : pid, WorkerState.fromColumn(rows.getString(i, 5)), TursoTime.parse(rows.getString(i, 6)),
                TursoTime.parse(rows.getString(i, 7)));
    }

    private static List<WorkerInfo> all(Rows rows) {
        List<WorkerInfo> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(map(rows, i));
        }
        return out;
    }

    @Override
    public WorkerInfo insert(String name, QueueInfo queue, String hostname, long pid) {
        List<Rows> results = client.transaction("register worker '" + name + "'", List.of(
                Stmt.of("INSERT INTO pgqrs_workers (name, queue_id, hostname, pid, status, started_at, heartbeat_at) "
                        + "VALUES (?, ?, ?, ?, 'ready', " + NOW + ", " + NOW + ") ON CONFLICT (name) DO NOTHING RETURNING id",
                        name, queue == null ? null : queue.id(), hostname, pid),
                Stmt.of(SELECT + " WHERE w.name = ?", name)));
        if (results.get(0).isEmpty()) {
            throw new WorkerStateException("Worker name '" + name + "' is already registered; choose another name or take the "
                    + "existing worker over through Workers.");
        }
        return map(results.get(1), 0);
    }

    @Override
    public Optional<WorkerInfo> find(String name) {
        List<WorkerInfo> found = all(client.execute("look up worker '" + name + "'", Stmt.of(SELECT + " WHERE w.name = ?", name)));
        return found.stream().findFirst();
    }

    @Override
    public Optional<WorkerInfo> find(long id) {
        List<WorkerInfo> found = all(client.execute("look up worker " + id, Stmt.of(SELECT + " WHERE w.id = ?", id)));
        return found.stream().findFirst();
    }

    @Override
    public List<WorkerInfo> list() {
        return all(client.execute("list workers", Stmt.of(SELECT + " ORDER BY w.id")));
    }

    @Override
    public boolean heartbeat(long id) {
        return !client.execute("heartbeat worker " + id, Stmt.of("UPDATE pgqrs_workers SET heartbeat_at = " + NOW
                + " WHERE id = ? AND status <> 'stopped' RETURNING id", id)).isEmpty();
    }

    @Override
    public boolean compareAndSetState(long id, WorkerState expected, WorkerState next) {
        return !client.execute("move worker " + id + " to " + next.columnValue(), Stmt.of("UPDATE pgqrs_workers SET status = ?1, "
                + "shutdown_at = CASE WHEN ?2 THEN " + NOW + " ELSE shutdown_at END WHERE id = ?3 AND status = ?4 RETURNING id",
                next.columnValue(), next == WorkerState.STOPPED, id, expected.columnValue())).isEmpty();
    }

    @Override
    public boolean revive(long id, String hostname, long pid) {
        return !client.execute("restart worker " + id, Stmt.of("UPDATE pgqrs_workers SET status = 'ready', started_at = " + NOW
                + ", heartbeat_at = " + NOW + ", shutdown_at = NULL, hostname = ?, pid = ? WHERE id = ? AND status = 'stopped' RETURNING id",
                hostname, pid, id)).isEmpty();
    }

    @Override
    public List<WorkerInfo> stale(Duration olderThan) {
        return all(client.execute("list stale workers", Stmt.of(SELECT + " WHERE w.status <> 'stopped' AND w.heartbeat_at < "
                + TursoTime.nowMinusMillis("?") + " ORDER BY w.heartbeat_at", olderThan.toMillis())));
    }

    @Override
    public boolean delete(long id) {
        List<Rows> results = client.transaction("delete worker " + id, List.of(
                Stmt.of("UPDATE pgqrs_messages SET producer_worker_id = NULL WHERE producer_worker_id = ?", id),
                Stmt.of("UPDATE pgqrs_messages SET consumer_worker_id = NULL WHERE consumer_worker_id = ?", id),
                Stmt.of("DELETE FROM pgqrs_workers WHERE id = ? RETURNING id", id)));
        return !results.get(2).isEmpty();
    }
}
