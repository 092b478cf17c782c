package dev.pgqrs.internal;

import dev.pgqrs.spi.Wakeups;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wake-ups inside one JVM: an enqueue signals the consumers of the same store object directly.
 * Stores without a cross-process channel use it alone; PostgreSQL adds LISTEN/NOTIFY on top.
 */
public class LocalWakeups implements Wakeups {
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();

    @Override
    public Subscription subscribe(String queue, Runnable listener) {
        List<Runnable> list = listeners.computeIfAbsent(queue, q -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    @Override
    public void published(String queue) {
        signal(queue);
    }

    /** Runs the listeners of {@code queue}. */
    protected void signal(String queue) {
        List<Runnable> list = listeners.get(queue);
        if (list != null) {
            for (Runnable r : list) {
                r.run();
            }
        }
    }

    protected boolean hasListeners() {
        return listeners.values().stream().anyMatch(l -> !l.isEmpty());
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
