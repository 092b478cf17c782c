package dev.pgqrs.error;

/** An operation named a queue that does not exist in the store. */
public class QueueNotFoundException extends PgqrsException {
    private final String queue;

    public QueueNotFoundException(String queue) {
        super("Queue '" + queue + "' does not exist. Create it first with admin().createQueue(\"" + queue
                + "\") (the Quarkus connector does so when the channel's auto-create is true).");
        this.queue = queue;
    }

    public String queue() {
        return queue;
    }
}
