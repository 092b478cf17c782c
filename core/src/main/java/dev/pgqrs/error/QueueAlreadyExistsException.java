package dev.pgqrs.error;

/** {@code createQueue} was asked for a queue that exists already. */
public class QueueAlreadyExistsException extends PgqrsException {
    public QueueAlreadyExistsException(String queue) {
        super("Queue '" + queue + "' already exists. Use admin().createQueueIfNotExists(\"" + queue
                + "\") to reuse an existing queue.");
    }
}
