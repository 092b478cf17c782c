package dev.pgqrs;

/**
 * Proof of one claim of one message: its id and the read count it was claimed with. Every ack,
 * extend and release presents it; once the message has been claimed again, the old receipt no
 * longer matches, so a consumer whose lease expired cannot finish a message someone else now holds.
 */
public record Receipt(long messageId, int readCount) {
}
