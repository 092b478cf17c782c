package dev.pgqrs;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a store can do, so that applications (and the Quarkus build) can check their needs up front
 * instead of discovering a weaker guarantee in production.
 *
 * @param skipLocked         claims skip rows other transactions hold instead of waiting for them
 * @param multiProcess       several processes may consume from the store at once
 * @param transactions       enqueue can join a caller's database transaction
 * @param crossProcessWakeup an enqueue in one process wakes consumers in another without polling
 */
public record StoreCapabilities(boolean skipLocked, boolean multiProcess, boolean transactions,
        boolean crossProcessWakeup) {

    /** A capability that a deployment may require by name ({@code quarkus.pgqrs.required-capabilities}). */
    public enum Capability {
        SKIP_LOCKED("skip-locked"),
        MULTI_PROCESS("multi-process"),
        TRANSACTIONS("transactions"),
        CROSS_PROCESS_WAKEUP("cross-process-wakeup");

        private final String configName;

        Capability(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        public static Capability fromConfigName(String name) {
            for (Capability c : values()) {
                if (c.configName.equalsIgnoreCase(name.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("Unknown capability '" + name + "'; known: "
                    + java.util.Arrays.stream(values()).map(Capability::configName).toList());
        }
    }

    /**
     * What a store of this kind ({@code postgres}, {@code sqlite} or {@code turso}) can do with its
     * default options. The single source for build-time checks, which know the kind but have no store.
     */
    public static StoreCapabilities of(String kind) {
        return switch (kind) {
            case "postgres" -> new StoreCapabilities(true, true, true, true);
            case "sqlite" -> new StoreCapabilities(false, false, true, false);
            case "turso" -> new StoreCapabilities(false, true, false, false);
            default -> throw new IllegalArgumentException("Unknown store kind '" + kind + "'; known: postgres, sqlite, turso");
        };
    }

    /** A copy with cross-process wake-ups switched as a store's options say. */
    public StoreCapabilities withCrossProcessWakeup(boolean enabled) {
        return new StoreCapabilities(skipLocked, multiProcess, transactions, enabled);
    }

    public boolean supportsSkipLocked() {
        return skipLocked;
    }

    public boolean supportsMultiProcess() {
        return multiProcess;
    }

    public boolean supportsTransactions() {
        return transactions;
    }

    public boolean supportsCrossProcessWakeup() {
        return crossProcessWakeup;
    }

    public boolean supports(Capability capability) {
        return switch (capability) {
            case SKIP_LOCKED -> skipLocked;
            case MULTI_PROCESS -> multiProcess;
            case TRANSACTIONS -> transactions;
            case CROSS_PROCESS_WAKEUP -> crossProcessWakeup;
        };
    }

    public Set<Capability> asSet() {
        Set<Capability> set = EnumSet.noneOf(Capability.class);
        for (Capability c : Capability.values()) {
            if (supports(c)) {
                set.add(c);
            }
        }
        return set;
    }

    public ConcurrencyModel concurrencyModel() {
        return multiProcess ? ConcurrencyModel.MULTI_PROCESS : ConcurrencyModel.SINGLE_PROCESS;
    }
}
