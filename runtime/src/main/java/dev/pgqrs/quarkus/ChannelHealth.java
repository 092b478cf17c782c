package dev.pgqrs.quarkus;

/**
 * What one channel tells the health checks: whether it has started, the last database error it met
 * (cleared by the next statement that succeeds), and a failure that stopped it for good.
 */
final class ChannelHealth {
    private volatile boolean started;
    private volatile String storeProblem;
    private volatile Throwable failure;

    ChannelHealth(boolean started) {
        this.started = started;
    }

    void started() {
        started = true;
    }

    void storeAnswered() {
        storeProblem = null;
    }

    void storeFailed(String problem) {
        storeProblem = problem;
    }

    void failed(Throwable cause) {
        failure = cause;
    }

    boolean ready() {
        return started && storeProblem == null && failure == null;
    }

    boolean alive() {
        return failure == null;
    }

    /** The health detail: the failure, the store problem, or {@code healthy} followed by the store details. */
    String status(String healthy, String storeDetails) {
        if (failure != null) {
            return "failed: " + failure + "; " + storeDetails;
        }
        if (storeProblem != null) {
            return "store unreachable: " + storeProblem + "; " + storeDetails;
        }
        if (!started) {
            return "starting; " + storeDetails;
        }
        return healthy + "; " + storeDetails;
    }
}
