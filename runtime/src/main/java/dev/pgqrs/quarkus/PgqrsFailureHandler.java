package dev.pgqrs.quarkus;

import java.util.concurrent.CompletionStage;

/**
 * Decides what happens to a message whose processing failed (was nacked). The built-in strategies
 * {@code retry}, {@code dead-letter}, {@code fail} and {@code ignore} are beans of this type; an
 * application adds its own as an {@code @ApplicationScoped} bean with
 * {@code @io.smallrye.common.annotation.Identifier("name")} and selects it with
 * {@code mp.messaging.incoming.<channel>.failure-strategy=name}.
 */
public interface PgqrsFailureHandler {

    /** The names of the built-in strategies. */
    String RETRY = "retry";
    String DEAD_LETTER = "dead-letter";
    String FAIL = "fail";
    String IGNORE = "ignore";

    /** Settles the failed message(s) through one of the failure's actions and returns that action's stage. */
    CompletionStage<Void> handle(PgqrsFailure failure);
}
