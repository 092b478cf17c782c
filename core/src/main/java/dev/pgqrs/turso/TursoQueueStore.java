package dev.pgqrs.turso;

import static dev.pgqrs.turso.TursoTime.NOW;

import dev.pgqrs.Admin;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.error.QueueAlreadyExistsException;
import dev.pgqrs.spi.QueueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class TursoQueueStore implements QueueStore {
    private static final String COLUMNS = "id, queue_name, COALESCE(max_read_ct, " + Admin.DEFAULT_MAX_READ_COUNT + "), created_at";
    /** Messages claimed and still within their visibility timeout (as the PostgreSQL store counts them). */
    private static final String IN_FLIGHT = "queue_id = ?1 AND archived_at IS NULL AND dequeued_at IS NOT NULL AND vt > " + NOW;

    private final HranaClient client;

    TursoQueueStore(HranaClient client) {
        this.client = client;
    }

    private static QueueInfo map(Rows rows, int i) {
        return new QueueInfo(rows.getLong(i, 0), rows.getString(i, 1), (int) rows.getLong(i, 2), TursoTime.parse(rows.getString(i, 3)));
    }

    @Override
    public QueueInfo create(String name, int maxReadCount) {
        Rows rows = client.execute("create queue '" + name + "'", Stmt.of("INSERT INTO pgqrs_queues (queue_name, max_read_ct, created_at) "
                + "VALUES (?, ?, " + NOW + ") ON CONFLICT (queue_name) DO NOTHING RETURNING " + COLUMNS, name, maxReadCount));
        if (rows.isEmpty()) {
            throw new QueueAlreadyExistsException(name);
        }
        return map(rows, 0);
    }

    @Override
    public Optional<QueueInfo> find(String name) {
        Rows rows = client.execute("look up queue '" + name + "'",
                Stmt.of("SELECT " + COLUMNS + " FROM pgqrs_queues WHERE queue_name = ?", name));
        return rows.isEmpty() ? Optional.empty() : Optional.of(map(rows, 0));
    }

    @Override
    public List<QueueInfo> list() {
        Rows rows = client.execute("list queues", Stmt.of("SELECT " + COLUMNS + " FROM pgqrs_queues ORDER BY queue_name"));
        List<QueueInfo> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(map(rows, i));
        }
        return out;
    }

    @Override
    public boolean setMaxReadCount(long queueId, int maxReadCount) {
        return !client.execute("change the max read count of queue " + queueId,
                Stmt.of("UPDATE pgqrs_queues SET max_read_ct = ? WHERE id = ? RETURNING id", maxReadCount, queueId)).isEmpty();
    }

    @Override
    public long delete(QueueInfo queue, boolean force) {
        // One transaction; every write carries the same guard, so either all of them run or none does.
        String guard = force ? "" : " AND NOT EXISTS (SELECT 1 FROM pgqrs_messages WHERE " + IN_FLIGHT + ")";
        List<Rows> results = client.transaction("delete queue '" + queue.name() + "'", List.of(
                Stmt.of("SELECT count(*) FROM pgqrs_messages WHERE " + IN_FLIGHT, queue.id()),
                Stmt.of("DELETE FROM pgqrs_messages WHERE queue_id = ?1" + guard, queue.id()),
                Stmt.of("UPDATE pgqrs_workers SET queue_id = NULL WHERE queue_id = ?1" + guard, queue.id()),
                Stmt.of("DELETE FROM pgqrs_queues WHERE id = ?1" + guard, queue.id())));
        long inFlight = results.get(0).getLong(0, 0);
        return force ? 0 : inFlight;
    }

    @Override
    public long purge(QueueInfo queue) {
        return client.transaction("purge queue '" + queue.name() + "'", List.of(
                Stmt.of("DELETE FROM pgqrs_messages WHERE queue_id = ?", queue.id()),
                Stmt.of("SELECT changes()"))).get(1).getLong(0, 0);
    }

    @Override
    public QueueMetrics metrics(QueueInfo queue) {
        Rows rows = client.execute("read the metrics of queue '" + queue.name() + "'", Stmt.of("WITH n AS (SELECT " + NOW + " AS t) SELECT "
                + "count(CASE WHEN m.archived_at IS NULL AND m.vt <= n.t THEN 1 END), "
                + "count(CASE WHEN m.archived_at IS NULL AND m.vt > n.t AND m.dequeued_at IS NOT NULL THEN 1 END), "
                + "count(CASE WHEN m.archived_at IS NULL AND m.vt > n.t AND m.dequeued_at IS NULL THEN 1 END), "
                + "count(CASE WHEN m.dead_at IS NOT NULL THEN 1 END), "
                + "count(CASE WHEN m.archived_at IS NOT NULL AND m.dead_at IS NULL THEN 1 END), "
                + "CAST((julianday(n.t) - julianday(min(CASE WHEN m.archived_at IS NULL AND m.vt <= n.t THEN m.vt END))) * 86400000 AS INTEGER) "
                + "FROM n LEFT JOIN pgqrs_messages m ON m.queue_id = ?", queue.id()));
        Long oldest = rows.getNullableLong(0, 5);
        return new QueueMetrics(queue.name(), rows.getLong(0, 0), rows.getLong(0, 1), rows.getLong(0, 2), rows.getLong(0, 3),
                rows.getLong(0, 4), oldest == null ? null : Duration.ofMillis(Math.max(0, oldest)));
    }
}
