package dev.pgqrs.error;

import dev.pgqrs.Receipt;

/**
 * An ack, extend or release came with a receipt that no longer holds the message: its visibility
 * timeout expired and another consumer claimed it (or it was acknowledged already). The message is
 * not lost; whoever holds the newer receipt will finish it.
 */
public class LeaseLostException extends PgqrsException {
    private final Receipt receipt;

    public LeaseLostException(String queue, Receipt receipt, String operation) {
        super("Cannot " + operation + " message " + receipt.messageId() + " of queue '" + queue
                + "': the lease of read " + receipt.readCount()
                + " was lost (its visibility timeout expired and the message was claimed again, or it was already"
                + " acknowledged). Use a longer visibility timeout, or extend the lease while processing.");
        this.receipt = receipt;
    }

    public Receipt receipt() {
        return receipt;
    }
}
