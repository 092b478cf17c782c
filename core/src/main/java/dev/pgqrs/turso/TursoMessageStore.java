package dev.pgqrs.turso;

import static dev.pgqrs.turso.TursoTime.NOW;

import dev.pgqrs.Admin;
import dev.pgqrs.DeadLetter;
import dev.pgqrs.Message;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.Receipt;
import dev.pgqrs.internal.Json;
import dev.pgqrs.spi.EncodedMessage;
import dev.pgqrs.spi.MessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages over Hrana. Each operation is one HTTP request: a single statement, or a transaction
 * batch when it needs several. Receipts are matched as {@code (id, read_ct)} row values. Statements
 * use numbered parameters ({@code ?1}, {@code ?2}, …): the servers ignore named ones.
 */
final class TursoMessageStore implements MessageStore {
    /** Rows per INSERT statement, well under the bound-parameter limit. */
    static final int INSERT_CHUNK = 200;
    private static final String MAX_READ_COUNT = "(SELECT COALESCE(max_read_ct, " + Admin.DEFAULT_MAX_READ_COUNT
            + ") FROM pgqrs_queues WHERE id = ?1)";
    private static final String READY = "queue_id = ?1 AND archived_at IS NULL AND vt <= " + NOW;

    private final HranaClient client;

    TursoMessageStore(HranaClient client) {
        this.client = client;
    }

    @Override
    public List<Long> insert(QueueInfo queue, List<EncodedMessage> batch, Long producerWorkerId) {
        List<Stmt> inserts = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += INSERT_CHUNK) {
            inserts.add(insertStatement(queue, batch.subList(from, Math.min(batch.size(), from + INSERT_CHUNK)), producerWorkerId));
        }
        String operation = "enqueue " + batch.size() + " message(s) into queue '" + queue.name() + "'";
        // One statement is atomic on its own; several go in one transaction. Either way: one request, never retried.
        List<Rows> results = inserts.size() == 1 ? List.of(client.execute(operation, inserts.get(0)))
                : client.transaction(operation, inserts);
        List<Long> ids = new ArrayList<>(batch.size());
        for (Rows rows : results) {
            for (int i = 0; i < rows.size(); i++) {
                ids.add(rows.getLong(i, 0));
            }
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    private static Stmt insertStatement(QueueInfo queue, List<EncodedMessage> chunk, Long producerWorkerId) {
        StringBuilder sql = new StringBuilder("INSERT INTO pgqrs_messages (queue_id, payload, headers, vt, enqueued_at, read_ct, "
                + "producer_worker_id) VALUES ");
        List<Object> args = new ArrayList<>(2 + 4 * chunk.size());
        args.add(queue.id());
        args.add(producerWorkerId);
        for (int i = 0; i < chunk.size(); i++) {
            EncodedMessage m = chunk.get(i);
            int p = args.size() + 1;
            sql.append(i == 0 ? "" : ", ").append("(?1, ?").append(p).append(", ?").append(p + 1)
                    .append(", COALESCE(?").append(p + 2).append(", ").append(TursoTime.nowPlusMillis("?" + (p + 3)))
                    .append("), ").append(NOW).append(", 0, ?2)");
            args.add(m.payloadJson());
            args.add(m.headersJson());
            args.add(m.deliverAt() == null ? null : TursoTime.format(m.deliverAt()));
            args.add(m.delayMillis());
        }
        sql.append(" RETURNING id");
        return new Stmt(sql.toString(), args);
    }

    @Override
    public List<Message> claim(QueueInfo queue, int limit, Duration visibility, Long consumerWorkerId, String deadReason) {
        // One transaction: dead-letter the ready messages at the front of the queue that used up their deliveries, then claim.
        List<Rows> results = client.transaction("claim messages from queue '" + queue.name() + "'", List.of(
                Stmt.of("UPDATE pgqrs_messages SET archived_at = " + NOW + ", dead_at = " + NOW + ", dead_reason = ?3, "
                        + "consumer_worker_id = NULL WHERE id IN (SELECT id FROM pgqrs_messages WHERE " + READY
                        + " ORDER BY vt, id LIMIT ?2) AND read_ct >= " + MAX_READ_COUNT,
                        queue.id(), limit, deadReason),
                Stmt.of("UPDATE pgqrs_messages SET vt = " + TursoTime.nowPlusMillis("?3") + ", read_ct = read_ct + 1, "
                        + "dequeued_at = " + NOW + ", consumer_worker_id = ?4 WHERE id IN (SELECT id FROM pgqrs_messages WHERE " + READY
                        + " AND read_ct < " + MAX_READ_COUNT + " ORDER BY vt, id LIMIT ?2) "
                        + "RETURNING id, payload, headers, read_ct, enqueued_at, vt",
                        queue.id(), limit, visibility.toMillis(), consumerWorkerId)));
        Rows rows = results.get(1);
        List<Message> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new Message(rows.getLong(i, 0), queue.name(), rows.getString(i, 1), Json.decodeHeaders(rows.getString(i, 2)),
                    (int) rows.getLong(i, 3), TursoTime.parse(rows.getString(i, 4)), TursoTime.parse(rows.getString(i, 5))));
        }
        // RETURNING has no defined order; hand messages over in enqueue order.
        out.sort(Comparator.comparingLong(Message::id));
        return out;
    }

    @Override
    public Set<Long> extend(QueueInfo queue, Collection<Receipt> receipts, Duration visibility) {
        return ids(fenced("extend the lease of", queue, receipts,
                "UPDATE pgqrs_messages SET vt = " + TursoTime.nowPlusMillis("?2") + " WHERE {fence} AND dequeued_at IS NOT NULL RETURNING id",
                visibility.toMillis()));
    }

    @Override
    public Set<Long> archive(QueueInfo queue, Collection<Receipt> receipts) {
        return ids(fenced("archive", queue, receipts, "UPDATE pgqrs_messages SET archived_at = " + NOW + " WHERE {fence} RETURNING id"));
    }

    @Override
    public Set<Long> delete(QueueInfo queue, Collection<Receipt> receipts) {
        return ids(fenced("delete", queue, receipts, "DELETE FROM pgqrs_messages WHERE {fence} RETURNING id"));
    }

    @Override
    public Set<Long> deadLetter(QueueInfo queue, Collection<Receipt> receipts, String reason) {
        return ids(fenced("dead-letter", queue, receipts, "UPDATE pgqrs_messages SET archived_at = " + NOW + ", dead_at = " + NOW
                + ", dead_reason = ?2, consumer_worker_id = NULL WHERE {fence} RETURNING id", reason));
    }

    @Override
    public Map<Long, Boolean> release(QueueInfo queue, Collection<Receipt> receipts, Duration delay, String deadReason) {
        String dead = "read_ct >= " + MAX_READ_COUNT;
        Rows rows = fenced("release", queue, receipts, "UPDATE pgqrs_messages SET "
                + "vt = CASE WHEN " + dead + " THEN vt ELSE " + TursoTime.nowPlusMillis("?2") + " END, "
                + "dequeued_at = CASE WHEN " + dead + " THEN dequeued_at END, "
                + "archived_at = CASE WHEN " + dead + " THEN " + NOW + " END, "
                + "dead_at = CASE WHEN " + dead + " THEN " + NOW + " END, "
                + "dead_reason = CASE WHEN " + dead + " THEN ?3 END, consumer_worker_id = NULL "
                + "WHERE {fence} RETURNING id, dead_at IS NOT NULL", delay.toMillis(), deadReason);
        Map<Long, Boolean> out = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            out.put(rows.getLong(i, 0), rows.getLong(i, 1) != 0);
        }
        return out;
    }

    @Override
    public List<DeadLetter> deadLetters(QueueInfo queue, long afterId, int limit) {
        Rows rows = client.execute("list dead letters of queue '" + queue.name() + "'", Stmt.of(
                "SELECT id, payload, headers, read_ct, enqueued_at, dead_at, dead_reason FROM pgqrs_messages "
                        + "WHERE queue_id = ? AND dead_at IS NOT NULL AND id > ? ORDER BY id LIMIT ?", queue.id(), afterId, limit));
        List<DeadLetter> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(new DeadLetter(rows.getLong(i, 0), queue.name(), rows.getString(i, 1), Json.decodeHeaders(rows.getString(i, 2)),
                    (int) rows.getLong(i, 3), TursoTime.parse(rows.getString(i, 4)), TursoTime.parse(rows.getString(i, 5)),
                    rows.getString(i, 6)));
        }
        return out;
    }

    @Override
    public long replayDeadLetters(QueueInfo queue, Collection<Long> ids) {
        List<Object> args = new ArrayList<>();
        args.add(queue.id());
        StringBuilder idList = new StringBuilder();
        for (Long id : ids) {
            args.add(id);
            idList.append(idList.length() == 0 ? "" : ", ").append('?').append(args.size());
        }
        return changes("replay dead letters of queue '" + queue.name() + "'", new Stmt("UPDATE pgqrs_messages SET archived_at = NULL, "
                + "dead_at = NULL, dead_reason = NULL, read_ct = 0, vt = " + NOW + ", dequeued_at = NULL, consumer_worker_id = NULL "
                + "WHERE queue_id = ?1 AND dead_at IS NOT NULL" + (ids.isEmpty() ? "" : " AND id IN (" + idList + ")"), args));
    }

    @Override
    public long purgeDeadLetters(QueueInfo queue) {
        return changes("purge dead letters of queue '" + queue.name() + "'",
                Stmt.of("DELETE FROM pgqrs_messages WHERE queue_id = ? AND dead_at IS NOT NULL", queue.id()));
    }

    @Override
    public long purgeArchive(QueueInfo queue, Duration olderThan) {
        String sql = "DELETE FROM pgqrs_messages WHERE archived_at IS NOT NULL AND dead_at IS NULL AND archived_at < "
                + TursoTime.nowMinusMillis("?1") + (queue == null ? "" : " AND queue_id = ?2");
        return changes("purge archived messages", queue == null ? Stmt.of(sql, olderThan.toMillis())
                : Stmt.of(sql, olderThan.toMillis(), queue.id()));
    }

    @Override
    public long releaseHeldBy(long workerId) {
        return changes("release the messages of worker " + workerId, Stmt.of("UPDATE pgqrs_messages SET vt = " + NOW
                + ", dequeued_at = NULL, consumer_worker_id = NULL "
                + "WHERE consumer_worker_id = ? AND archived_at IS NULL AND dequeued_at IS NOT NULL", workerId));
    }

    /** Runs a write and counts its rows with changes() in the same transaction (the servers report no row counts). */
    private long changes(String operation, Stmt write) {
        return client.transaction(operation, List.of(write, Stmt.of("SELECT changes()"))).get(1).getLong(0, 0);
    }

    /**
     * Runs a receipt-fenced statement. {@code sqlTemplate} has one {@code {fence}} for the fence and uses
     * ?1 for the queue id and ?2, ?3, … for {@code leading}; the receipts take the parameters after them.
     */
    private Rows fenced(String verb, QueueInfo queue, Collection<Receipt> receipts, String sqlTemplate, Object... leading) {
        List<Object> args = new ArrayList<>();
        args.add(queue.id());
        args.addAll(List.of(leading));
        StringBuilder ids = new StringBuilder();
        StringBuilder pairs = new StringBuilder();
        for (Receipt r : receipts) {
            args.add(r.messageId());
            args.add(r.readCount());
            int p = args.size() - 1;
            ids.append(ids.length() == 0 ? "" : ", ").append('?').append(p);
            pairs.append(pairs.length() == 0 ? "" : ", ").append("(?").append(p).append(", ?").append(p + 1).append(')');
        }
        // The id list lets the primary key find the rows; the row values then check each read count.
        String fence = "id IN (" + ids + ") AND (id, read_ct) IN (VALUES " + pairs + ") AND queue_id = ?1 AND archived_at IS NULL";
        return client.execute(verb + " " + receipts.size() + " message(s) of queue '" + queue.name() + "'",
                new Stmt(sqlTemplate.replace("{fence}", fence), args));
    }

    private static Set<Long> ids(Rows rows) {
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.getLong(i, 0));
        }
        return out;
    }
}
