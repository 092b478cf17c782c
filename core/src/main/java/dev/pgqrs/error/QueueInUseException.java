package dev.pgqrs.error;

/** A queue could not be deleted because consumers hold some of its messages. */
public class QueueInUseException extends PgqrsException {
    public QueueInUseException(String queue, long inFlight) {
        super("Queue '" + queue + "' has " + inFlight + " message(s) in flight, so it was not deleted. "
                + "Wait for the consumers to finish, or call admin().deleteQueue(\"" + queue
                + "\", true) to delete it with its messages anyway.");
    }
}
