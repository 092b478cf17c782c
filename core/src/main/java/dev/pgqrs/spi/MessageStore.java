package dev.pgqrs.spi;

import dev.pgqrs.AckMode;
import dev.pgqrs.DeadLetter;
import dev.pgqrs.Message;
import dev.pgqrs.QueueInfo;
import dev.pgqrs.Receipt;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages table of one store. Every method is one atomic unit (one statement or one
 * transaction). Receipts fence every change to a claimed message: a row matches only while its id,
 * its read count and its queue all match and it is neither archived nor dead.
 */
public interface MessageStore {

    /**
     * Inserts the messages in one statement and returns their ids in the given order. A store with
     * cross-process wake-ups notifies listeners once, inside the same transaction.
     */
    List<Long> insert(QueueInfo queue, List<EncodedMessage> messages, Long producerWorkerId);

    /**
     * Claims up to {@code limit} ready messages, oldest visibility deadline first (ties by id), making
     * each invisible for {@code visibility} and incrementing its read count. A ready message whose read
     * count has already reached the queue's max read count is moved to dead letters with
     * {@code deadReason} in the same transaction instead of being returned.
     */
    List<Message> claim(QueueInfo queue, int limit, Duration visibility, Long consumerWorkerId, String deadReason);

    /**
     * Acknowledges {@code acks} ({@link #delete} or {@link #archive}, as {@code mode} says) and then
     * claims as {@link #claim} does, committed together: a consumer that settles each batch as it asks
     * for the next one pays one commit per batch instead of two. All or nothing; a message being
     * acknowledged is never among those claimed. {@code acks} is never empty (the caller claims
     * with {@link #claim} then).
     */
    AckedClaim ackAndClaim(QueueInfo queue, Collection<Receipt> acks, AckMode mode, int limit, Duration visibility,
            Long consumerWorkerId, String deadReason);

    /** Pushes the visibility deadline to now + {@code visibility}; returns the ids whose receipt matched. */
    Set<Long> extend(QueueInfo queue, Collection<Receipt> receipts, Duration visibility);

    /** Marks the messages archived; returns the ids whose receipt matched. */
    Set<Long> archive(QueueInfo queue, Collection<Receipt> receipts);

    /** Deletes the messages; returns the ids whose receipt matched. */
    Set<Long> delete(QueueInfo queue, Collection<Receipt> receipts);

    /**
     * Makes the messages visible again after {@code delay}. A message whose read count has reached the
     * queue's max read count is dead-lettered with {@code deadReason} instead.
     *
     * @return for each id whose receipt matched: true when it was dead-lettered, false when released
     */
    Map<Long, Boolean> release(QueueInfo queue, Collection<Receipt> receipts, Duration delay, String deadReason);

    /** Moves the messages to dead letters at once; returns the ids whose receipt matched. */
    Set<Long> deadLetter(QueueInfo queue, Collection<Receipt> receipts, String reason);

    /** Dead letters with an id above {@code afterId}, by id, at most {@code limit}. */
    List<DeadLetter> deadLetters(QueueInfo queue, long afterId, int limit);

    /** Makes dead letters ready again with their read count reset; all of the queue's when ids is empty. */
    long replayDeadLetters(QueueInfo queue, Collection<Long> ids);

    long purgeDeadLetters(QueueInfo queue);

    /** Deletes archived messages acknowledged longer than {@code olderThan} ago; every queue's when queue is null. */
    long purgeArchive(QueueInfo queue, Duration olderThan);

    /** Makes every message held by the worker ready again (its lease ends now); returns how many. */
    long releaseHeldBy(long workerId);
}
