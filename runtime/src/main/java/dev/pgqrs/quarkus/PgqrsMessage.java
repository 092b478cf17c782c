package dev.pgqrs.quarkus;

import io.smallrye.reactive.messaging.providers.MetadataInjectableMessage;
import io.smallrye.reactive.messaging.providers.locals.ContextAwareMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * A message received from a pgqrs queue, or a batch of them ({@code batch=true}, payload a list).
 * Ack settles it through the channel's grouped acker; nack hands it to the failure strategy. Both
 * complete back on the message's Vert.x context.
 */
final class PgqrsMessage<T> implements ContextAwareMessage<T>, MetadataInjectableMessage<T> {
    private final PgqrsIncomingChannel channel;
    private final List<dev.pgqrs.Message> messages;
    private final T payload;
    private Metadata metadata;

    PgqrsMessage(PgqrsIncomingChannel channel, List<dev.pgqrs.Message> messages, T payload, Object pgqrsMetadata) {
        this.channel = channel;
        this.messages = messages;
        this.payload = payload;
        this.metadata = ContextAwareMessage.captureContextMetadata(pgqrsMetadata);
    }

    List<dev.pgqrs.Message> messages() {
        return messages;
    }

    @Override
    public T getPayload() {
        return payload;
    }

    @Override
    public Metadata getMetadata() {
        return metadata;
    }

    @Override
    public void injectMetadata(Object metadataObject) {
        metadata = metadata.with(metadataObject);
    }

    @Override
    public CompletionStage<Void> ack(Metadata ackMetadata) {
        return onMessageContext(channel.ack(messages));
    }

    @Override
    public Function<Metadata, CompletionStage<Void>> getAckWithMetadata() {
        return this::ack;
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason, Metadata nackMetadata) {
        return onMessageContext(channel.nack(messages, reason, nackMetadata));
    }

    @Override
    public BiFunction<Throwable, Metadata, CompletionStage<Void>> getNackWithMetadata() {
        return this::nack;
    }

    private CompletionStage<Void> onMessageContext(CompletionStage<Void> stage) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        stage.whenComplete((ok, failure) -> runOnMessageContext(() -> {
            if (failure == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(failure);
            }
        }));
        return result;
    }
}
