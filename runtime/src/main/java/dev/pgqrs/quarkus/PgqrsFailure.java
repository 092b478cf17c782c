package dev.pgqrs.quarkus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * A failed message (or batch) handed to a {@link PgqrsFailureHandler}, with the actions it may take.
 * Each action settles every message of the failure and completes once the database has done it.
 */
public final class PgqrsFailure {
    private final PgqrsIncomingChannel channel;
    private final List<dev.pgqrs.Message> messages;
    private final Throwable cause;
    private final Metadata nackMetadata;

    PgqrsFailure(PgqrsIncomingChannel channel, List<dev.pgqrs.Message> messages, Throwable cause, Metadata nackMetadata) {
        this.channel = channel;
        this.messages = List.copyOf(messages);
        this.cause = cause;
        this.nackMetadata = nackMetadata == null ? Metadata.empty() : nackMetadata;
    }

    public String channel() {
        return channel.name();
    }

    public String queue() {
        return channel.queue();
    }

    public Throwable cause() {
        return cause;
    }

    /** The metadata passed to {@code nack}, if any. */
    public Metadata nackMetadata() {
        return nackMetadata;
    }

    public List<PgqrsIncomingMetadata> messages() {
        return messages.stream().map(PgqrsIncomingMetadata::of).toList();
    }

    /** The failure as recorded in a dead letter's reason: exception class and message. */
    public String reason() {
        String text = cause == null ? "nacked" : cause.getClass().getName() + ": " + cause.getMessage();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /**
     * Releases the messages for another delivery after the channel's {@code retry-delay}, doubled for
     * each earlier delivery (capped at {@code retry-max-delay}). A message that has reached its queue's
     * max read count becomes a dead letter with {@link #reason()}.
     */
    public CompletionStage<Void> retry() {
        return channel.release(messages, null, reason());
    }

    /** Like {@link #retry()}, with a fixed delay. */
    public CompletionStage<Void> retry(Duration delay) {
        return channel.release(messages, delay, reason());
    }

    /** Moves the messages to dead letters now, whatever their read count. */
    public CompletionStage<Void> deadLetter(String reason) {
        return channel.deadLetter(messages, reason == null ? reason() : reason);
    }

    /** Acknowledges the messages as if they had succeeded. */
    public CompletionStage<Void> ack() {
        return channel.ack(messages);
    }

    /**
     * Stops the channel: the messages are released for another delivery, the channel stops claiming,
     * and liveness health reports the failure. The returned stage fails with the cause.
     */
    public CompletionStage<Void> failChannel() {
        return channel.failChannel(messages, cause, reason());
    }
}
