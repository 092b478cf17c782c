package dev.pgqrs.sqlite;

import dev.pgqrs.Admin;

/**
 * Every SQL statement of the SQLite store, shared with the Turso store. Parameters are positional
 * ({@code ?} or {@code ?N}; tursodb ignores named ones), each constant documents its parameters, and
 * nothing here needs {@code UPDATE … ORDER BY … LIMIT} or {@code WITH RECURSIVE}, which tursodb lacks.
 *
 * <p>Time: columns hold UTC text {@code YYYY-MM-DD HH:MM:SS.SSS} (upstream pgqrs's layout, to the
 * millisecond), always taken from the database clock. Text of one fixed layout sorts like the instants
 * it names, so {@code vt <= now} and {@code ORDER BY vt} are plain, index-friendly string comparisons;
 * upstream rows written as {@code YYYY-MM-DD HH:MM:SS} still compare correctly (a shorter prefix sorts
 * first). Batches travel as one JSON array parameter read with {@code json_each}, so one statement
 * handles any batch size.
 */
public final class SqliteSql {

    /** Now, to the millisecond. */
    public static final String NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

    /** A SQL expression for now plus {@code millis}, an SQL expression (a parameter or a column) in milliseconds. */
    public static String nowPlus(String millis) {
        return "strftime('%Y-%m-%d %H:%M:%f', 'now', printf('%.3f seconds', (" + millis + ") / 1000.0))";
    }

    /** The queue's max read count; {@code queueParam} names the parameter holding the queue id. */
    static String maxReadCount(String queueParam) {
        return "(SELECT COALESCE(max_read_ct, " + Admin.DEFAULT_MAX_READ_COUNT + ") FROM pgqrs_queues WHERE id = " + queueParam + ")";
    }

    // ---- queues -------------------------------------------------------------------------------

    public static final String QUEUE_COLUMNS = "id, queue_name, COALESCE(max_read_ct, " + Admin.DEFAULT_MAX_READ_COUNT + "), created_at";

    /** 1 name, 2 max read count. No row back when the name is taken. */
    public static final String CREATE_QUEUE = "INSERT INTO pgqrs_queues (queue_name, max_read_ct, created_at) VALUES (?, ?, " + NOW
            + ") ON CONFLICT (queue_name) DO NOTHING RETURNING " + QUEUE_COLUMNS;

    /** 1 name. */
    public static final String FIND_QUEUE = "SELECT " + QUEUE_COLUMNS + " FROM pgqrs_queues WHERE queue_name = ?";

    public static final String LIST_QUEUES = "SELECT " + QUEUE_COLUMNS + " FROM pgqrs_queues ORDER BY queue_name";

    /** 1 max read count, 2 queue id. Returns the id when the queue still exists. */
    public static final String SET_MAX_READ_COUNT = "UPDATE pgqrs_queues SET max_read_ct = ? WHERE id = ? RETURNING id";

    /** Messages of queue {@code ?1} that some consumer holds now (as the PostgreSQL store counts them). */
    private static final String IN_FLIGHT = "queue_id = ?1 AND archived_at IS NULL AND dequeued_at IS NOT NULL AND vt > " + NOW;

    /** 1 queue id. */
    public static final String COUNT_IN_FLIGHT = "SELECT count(*) FROM pgqrs_messages WHERE " + IN_FLIGHT;

    /** 1 queue id. */
    public static final String PURGE_QUEUE = "DELETE FROM pgqrs_messages WHERE queue_id = ?1";

    /** 1 queue id: deletes the queue's messages, unless some are in flight. */
    public static final String PURGE_QUEUE_UNLESS_IN_FLIGHT = PURGE_QUEUE + " AND NOT EXISTS (SELECT 1 FROM pgqrs_messages WHERE "
            + IN_FLIGHT + ")";

    private static final String NO_MESSAGES_LEFT = " AND NOT EXISTS (SELECT 1 FROM pgqrs_messages WHERE queue_id = ?1)";

    /**
     * 1 queue id each; run in this order in the transaction that first deleted the queue's messages.
     * They act only when no message is left, so a delete that kept its messages keeps the queue too;
     * the guards make the steps all-or-nothing without Java looking at results in between (a Turso
     * transaction is one batch sent in advance). The last returns the id when the queue was deleted.
     */
    public static final String[] DELETE_EMPTY_QUEUE = {
        "UPDATE pgqrs_workers SET queue_id = NULL WHERE queue_id = ?1" + NO_MESSAGES_LEFT,
        "DELETE FROM pgqrs_queues WHERE id = ?1" + NO_MESSAGES_LEFT + " RETURNING id"};

    /**
     * 1 queue id: ready, in flight, delayed, dead, archived, age of the oldest ready message in ms.
     * Each part reads only its own partial index, never the whole table.
     */
    public static final String QUEUE_METRICS = "SELECT live.ready, live.in_flight, live.delayed, "
            + "(SELECT count(*) FROM pgqrs_messages WHERE queue_id = ?1 AND dead_at IS NOT NULL), "
            + "(SELECT count(*) FROM pgqrs_messages WHERE queue_id = ?1 AND archived_at IS NOT NULL AND dead_at IS NULL), "
            + "live.oldest_ms FROM (SELECT "
            + "count(*) FILTER (WHERE vt <= " + NOW + ") AS ready, "
            + "count(*) FILTER (WHERE vt > " + NOW + " AND dequeued_at IS NOT NULL) AS in_flight, "
            + "count(*) FILTER (WHERE vt > " + NOW + " AND dequeued_at IS NULL) AS delayed, "
            + "CAST(round((julianday('now') - julianday(min(vt) FILTER (WHERE vt <= " + NOW + "))) * 86400000.0) AS INTEGER) "
            + "AS oldest_ms FROM pgqrs_messages WHERE queue_id = ?1 AND archived_at IS NULL) live";

    // ---- messages -----------------------------------------------------------------------------

    /**
     * 1 queue id, 2 producer worker id (or null), 3 a JSON array of {@code [payload text, headers text
     * or null, delay ms, deliver-at text or null]}, one per message. Returns the new ids; they grow in
     * the array's order.
     */
    public static final String INSERT_MESSAGES = "INSERT INTO pgqrs_messages "
            + "(queue_id, payload, headers, vt, enqueued_at, read_ct, producer_worker_id) "
            + "SELECT ?1, r.value ->> 0, r.value ->> 1, COALESCE(r.value ->> 3, " + nowPlus("r.value ->> 2") + "), " + NOW
            + ", 0, ?2 FROM json_each(?3) r ORDER BY r.key RETURNING id";

    private static final String DEAD_ON_CLAIM = "read_ct >= " + maxReadCount("?1");

    /**
     * 1 queue id, 2 limit, 3 visibility ms, 4 consumer worker id (or null), 5 dead-letter reason.
     * One statement: the first {@code limit} ready messages by (vt, id) are claimed, except those whose
     * read count already reached the queue's max, which become dead letters instead. Returns id,
     * payload, headers, read_ct, enqueued_at, vt, dead (1 when dead-lettered, not to be delivered).
     */
    public static final String CLAIM = "UPDATE pgqrs_messages SET "
            + "vt = CASE WHEN " + DEAD_ON_CLAIM + " THEN vt ELSE " + nowPlus("?3") + " END, "
            + "read_ct = CASE WHEN " + DEAD_ON_CLAIM + " THEN read_ct ELSE read_ct + 1 END, "
            + "dequeued_at = CASE WHEN " + DEAD_ON_CLAIM + " THEN dequeued_at ELSE " + NOW + " END, "
            + "consumer_worker_id = CASE WHEN " + DEAD_ON_CLAIM + " THEN NULL ELSE ?4 END, "
            + "archived_at = CASE WHEN " + DEAD_ON_CLAIM + " THEN " + NOW + " END, "
            + "dead_at = CASE WHEN " + DEAD_ON_CLAIM + " THEN " + NOW + " END, "
            + "dead_reason = CASE WHEN " + DEAD_ON_CLAIM + " THEN ?5 END "
            + "WHERE id IN (SELECT id FROM pgqrs_messages WHERE queue_id = ?1 AND archived_at IS NULL AND vt <= " + NOW
            + " ORDER BY vt, id LIMIT ?2) "
            + "RETURNING id, payload, headers, read_ct, enqueued_at, vt, dead_at IS NOT NULL";

    /**
     * The ids of messages whose receipt matches: {@code ?1} a JSON array of {@code [id, read_ct]} pairs,
     * {@code ?2} the queue id. A receipt matches while the message is in its queue, not archived or
     * dead, and has not been claimed again since. {@code CROSS JOIN} keeps the receipts as the outer
     * loop, so each is one primary-key look-up instead of a scan of the queue.
     */
    public static final String RECEIPTS = "SELECT m.id FROM json_each(?1) r CROSS JOIN pgqrs_messages m "
            + "ON m.id = r.value ->> 0 AND m.read_ct = r.value ->> 1 WHERE m.queue_id = ?2 AND m.archived_at IS NULL";

    /** 1 receipts, 2 queue id, 3 visibility ms. Returns the ids extended. */
    public static final String EXTEND = "UPDATE pgqrs_messages SET vt = " + nowPlus("?3") + " WHERE id IN (" + RECEIPTS
            + " AND m.dequeued_at IS NOT NULL) RETURNING id";

    /** 1 receipts, 2 queue id. Returns the ids archived. */
    public static final String ARCHIVE = "UPDATE pgqrs_messages SET archived_at = " + NOW + " WHERE id IN (" + RECEIPTS
            + ") RETURNING id";

    /** 1 receipts, 2 queue id. Returns the ids deleted. */
    public static final String DELETE = "DELETE FROM pgqrs_messages WHERE id IN (" + RECEIPTS + ") RETURNING id";

    /** 1 receipts, 2 queue id, 3 reason. Returns the ids dead-lettered. */
    public static final String DEAD_LETTER = "UPDATE pgqrs_messages SET archived_at = " + NOW + ", dead_at = " + NOW
            + ", dead_reason = ?3, consumer_worker_id = NULL WHERE id IN (" + RECEIPTS + ") RETURNING id";

    private static final String DEAD_ON_RELEASE = "read_ct >= " + maxReadCount("?2");

    /**
     * 1 receipts, 2 queue id, 3 delay ms, 4 dead-letter reason. A message that reached its queue's max
     * read count becomes a dead letter instead of being released. Returns id, dead (1 or 0).
     */
    public static final String RELEASE = "UPDATE pgqrs_messages SET "
            + "vt = CASE WHEN " + DEAD_ON_RELEASE + " THEN vt ELSE " + nowPlus("?3") + " END, "
            + "dequeued_at = CASE WHEN " + DEAD_ON_RELEASE + " THEN dequeued_at END, "
            + "archived_at = CASE WHEN " + DEAD_ON_RELEASE + " THEN " + NOW + " END, "
            + "dead_at = CASE WHEN " + DEAD_ON_RELEASE + " THEN " + NOW + " END, "
            + "dead_reason = CASE WHEN " + DEAD_ON_RELEASE + " THEN ?4 END, consumer_worker_id = NULL "
            + "WHERE id IN (" + RECEIPTS + ") RETURNING id, dead_at IS NOT NULL";

    /** 1 queue id, 2 after id, 3 limit. */
    public static final String DEAD_LETTERS = "SELECT id, payload, headers, read_ct, enqueued_at, dead_at, dead_reason "
            + "FROM pgqrs_messages WHERE queue_id = ? AND dead_at IS NOT NULL AND id > ? ORDER BY id LIMIT ?";

    /** 1 queue id; {@link #REPLAY_SOME} adds 2, a JSON array of ids. */
    public static final String REPLAY_ALL = "UPDATE pgqrs_messages SET archived_at = NULL, dead_at = NULL, dead_reason = NULL, "
            + "read_ct = 0, vt = " + NOW + ", dequeued_at = NULL, consumer_worker_id = NULL WHERE queue_id = ? AND dead_at IS NOT NULL";

    public static final String REPLAY_SOME = REPLAY_ALL + " AND id IN (SELECT value FROM json_each(?))";

    /** 1 queue id. */
    public static final String PURGE_DEAD_LETTERS = "DELETE FROM pgqrs_messages WHERE queue_id = ? AND dead_at IS NOT NULL";

    /** 1 age in ms; {@link #PURGE_ARCHIVE_OF_QUEUE} adds 2, the queue id. */
    public static final String PURGE_ARCHIVE = "DELETE FROM pgqrs_messages WHERE archived_at IS NOT NULL AND dead_at IS NULL "
            + "AND archived_at < " + nowPlus("-?");

    public static final String PURGE_ARCHIVE_OF_QUEUE = PURGE_ARCHIVE + " AND queue_id = ?";

    /** 1 worker id. */
    public static final String RELEASE_HELD_BY = "UPDATE pgqrs_messages SET vt = " + NOW + ", dequeued_at = NULL, "
            + "consumer_worker_id = NULL WHERE consumer_worker_id = ? AND archived_at IS NULL AND dequeued_at IS NOT NULL";

    // ---- workers ------------------------------------------------------------------------------

    /** Then a WHERE / ORDER BY clause. Columns: id, name, queue, hostname, pid, status, started_at, heartbeat_at. */
    public static final String SELECT_WORKERS = "SELECT w.id, w.name, q.queue_name, w.hostname, w.pid, w.status, w.started_at, "
            + "w.heartbeat_at FROM pgqrs_workers w LEFT JOIN pgqrs_queues q ON q.id = w.queue_id";

    /** 1 name, 2 queue id (or null), 3 hostname, 4 pid. No row back when the name is taken. */
    public static final String INSERT_WORKER = "INSERT INTO pgqrs_workers (name, queue_id, hostname, pid, status, started_at, "
            + "heartbeat_at) VALUES (?, ?, ?, ?, 'ready', " + NOW + ", " + NOW + ") ON CONFLICT (name) DO NOTHING RETURNING id";

    /** 1 age in ms. */
    public static final String STALE_WORKERS = SELECT_WORKERS + " WHERE w.status <> 'stopped' AND w.heartbeat_at < "
            + nowPlus("-?") + " ORDER BY w.heartbeat_at";

    /** 1 worker id. Returns the id when the worker exists and is not stopped. */
    public static final String HEARTBEAT = "UPDATE pgqrs_workers SET heartbeat_at = " + NOW + " WHERE id = ? AND status <> 'stopped' "
            + "RETURNING id";

    /** 1 new status, 2 whether it is 'stopped' (1/0), 3 worker id, 4 expected status. Returns the id when it moved. */
    public static final String SET_WORKER_STATE = "UPDATE pgqrs_workers SET status = ?, shutdown_at = CASE WHEN ? THEN " + NOW
            + " ELSE shutdown_at END WHERE id = ? AND status = ? RETURNING id";

    /** 1 hostname, 2 pid, 3 worker id. Returns the id when it was stopped and now is ready. */
    public static final String REVIVE_WORKER = "UPDATE pgqrs_workers SET status = 'ready', started_at = " + NOW + ", heartbeat_at = "
            + NOW + ", shutdown_at = NULL, hostname = ?, pid = ? WHERE id = ? AND status = 'stopped' RETURNING id";

    /** 1 worker id each, run in this order in one transaction. The last returns the id when the worker existed. */
    public static final String[] DELETE_WORKER = {
        "UPDATE pgqrs_messages SET producer_worker_id = NULL WHERE producer_worker_id = ?",
        "UPDATE pgqrs_messages SET consumer_worker_id = NULL WHERE consumer_worker_id = ?",
        "DELETE FROM pgqrs_workers WHERE id = ? RETURNING id"};

    private SqliteSql() {
    }
}
