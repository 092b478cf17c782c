package dev.pgqrs.quarkus;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The built-in failure strategies, selected by name with {@code failure-strategy}. */
public final class FailureStrategies {

    public static final List<String> BUILT_IN = List.of(PgqrsFailureHandler.RETRY, PgqrsFailureHandler.DEAD_LETTER,
            PgqrsFailureHandler.FAIL, PgqrsFailureHandler.IGNORE);

    public static final List<Class<?>> BEAN_CLASSES = List.of(Retry.class, DeadLetter.class, Fail.class, Ignore.class);

    private FailureStrategies() {
    }

    /** Release with backoff; dead letter at the queue's max read count. The default. */
    @ApplicationScoped
    @Identifier(PgqrsFailureHandler.RETRY)
    public static class Retry implements PgqrsFailureHandler {
        @Override
        public CompletionStage<Void> handle(PgqrsFailure failure) {
            return failure.retry();
        }
    }

    /** Dead letter at once, with the failure as the reason. */
    @ApplicationScoped
    @Identifier(PgqrsFailureHandler.DEAD_LETTER)
    public static class DeadLetter implements PgqrsFailureHandler {
        @Override
        public CompletionStage<Void> handle(PgqrsFailure failure) {
            return failure.deadLetter(failure.reason());
        }
    }

    /** Stop the channel and report it in liveness health. */
    @ApplicationScoped
    @Identifier(PgqrsFailureHandler.FAIL)
    public static class Fail implements PgqrsFailureHandler {
        @Override
        public CompletionStage<Void> handle(PgqrsFailure failure) {
            return failure.failChannel();
        }
    }

    /** Acknowledge and go on. */
    @ApplicationScoped
    @Identifier(PgqrsFailureHandler.IGNORE)
    public static class Ignore implements PgqrsFailureHandler {
        @Override
        public CompletionStage<Void> handle(PgqrsFailure failure) {
            return failure.ack();
        }
    }
}
