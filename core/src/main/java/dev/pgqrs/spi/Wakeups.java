package dev.pgqrs.spi;

/**
 * Tells waiting consumers that a queue received messages, so they need not wait for their next poll.
 * A wake-up is a hint: consumers still poll, because wake-ups can be lost and a delayed message
 * becoming due sends none.
 */
public interface Wakeups extends AutoCloseable {

    /** Calls {@code listener} (on some internal thread; it must return quickly) when {@code queue} may have messages. */
    Subscription subscribe(String queue, Runnable listener);

    /** Called after an enqueue committed in this process. */
    void published(String queue);

    @Override
    void close();

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
