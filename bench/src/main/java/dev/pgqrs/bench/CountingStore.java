package dev.pgqrs.bench;

import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.spi.MessageStore;
import dev.pgqrs.spi.QueueStore;
import dev.pgqrs.spi.Wakeups;
import dev.pgqrs.spi.WorkerStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that counts the calls the API makes to its message repository. Each call is one statement
 * (or one Hrana request) in every store, so this counts database statements for any store, including
 * those with no server-side statistics.
 */
public final class CountingStore implements Store {
    private final Store delegate;
    private final MessageStore messages;
    private final AtomicLong calls = new AtomicLong();

    public CountingStore(Store delegate) {
        this.delegate = delegate;
        MessageStore real = delegate.messageStore();
        this.messages = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() != Object.class) {
                        calls.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public long calls() {
        return calls.get();
    }

    @Override
    public String kind() {
        return delegate.kind();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public QueueStore queueStore() {
        return delegate.queueStore();
    }

    @Override
    public MessageStore messageStore() {
        return messages;
    }

    @Override
    public WorkerStore workerStore() {
        return delegate.workerStore();
    }

    @Override
    public Wakeups wakeups() {
        return delegate.wakeups();
    }

    @Override
    public void ping() {
        delegate.ping();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
