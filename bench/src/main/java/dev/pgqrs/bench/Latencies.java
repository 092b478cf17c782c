package dev.pgqrs.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, in a preallocated array (no boxing on the hot path). Thread-safe. */
public final class Latencies {
    private final long[] samples;
    private int size;

    public Latencies(int capacity) {
        samples = new long[capacity];
    }

    public synchronized void add(long nanos) {
        if (size < samples.length) {
            samples[size++] = nanos;
        }
    }

    public synchronized int size() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, or NaN with no samples. */
    public synchronized double quantileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(q * size) - 1));
        return sorted[index] / 1e6;
    }

    public double p50() {
        return quantileMillis(0.50);
    }

    public double p99() {
        return quantileMillis(0.99);
    }

    public double max() {
        return quantileMillis(1.0);
    }
}
