package dev.pgqrs.quarkus.deployment;

import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.StoreCapabilities.Capability;
import dev.pgqrs.error.InvalidQueueNameException;
import dev.pgqrs.internal.Names;
import dev.pgqrs.quarkus.PgqrsFailureHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The build-time checks of pgqrs channels. Each problem becomes one message that names the channel,
 * the property, the store and the fix.
 */
final class ChannelValidator {
    private static final List<String> KINDS = List.of("postgres", "sqlite", "turso");

    private final ChannelConfig config;
    private final String store;
    private final Set<String> failureStrategies;
    private final List<String> problems = new ArrayList<>();

    ChannelValidator(ChannelConfig config, String store, Set<String> failureStrategies) {
        this.config = config;
        this.store = store;
        this.failureStrategies = failureStrategies;
    }

    List<String> problems() {
        return problems;
    }

    void capabilities(String kind, List<String> required, List<String> channels) {
        for (String name : required) {
            Capability capability;
            try {
                capability = Capability.fromConfigName(name);
            } catch (IllegalArgumentException e) {
                problems.add("quarkus.pgqrs.required-capabilities lists '" + name + "', which is not a capability (store: "
                        + store + "). Fix: use one of " + Stream.of(Capability.values()).map(Capability::configName).toList()
                        + ".");
                continue;
            }
            if (kind == null) {
                problems.add("quarkus.pgqrs.required-capabilities lists '" + name + "', but the store is not known at build"
                        + " time (channels: " + channels + "). Fix: set quarkus.pgqrs.store (postgres, sqlite or turso) or"
                        + " quarkus.pgqrs.dsn in application.properties.");
                continue;
            }
            StoreCapabilities caps = StoreCapabilities.of(kind);
            if (!caps.supports(capability)) {
                List<String> providers = KINDS.stream().filter(k -> StoreCapabilities.of(k).supports(capability)).toList();
                problems.add("quarkus.pgqrs.required-capabilities requires '" + name + "', but the " + kind + " store ("
                        + caps.concurrencyModel() + ") does not provide it (channels: " + channels + "). Fix: use a store"
                        + " that provides it (" + String.join(", ", providers) + ") through quarkus.pgqrs.dsn and"
                        + " quarkus.pgqrs.store, or remove '" + name + "' from quarkus.pgqrs.required-capabilities.");
            }
        }
    }

    void queue(String channel, boolean incoming) {
        String queue = config.value(channel, incoming, "queue").orElse(channel);
        try {
            Names.requireQueueName(queue);
        } catch (InvalidQueueNameException e) {
            boolean explicit = config.value(channel, incoming, "queue").isPresent();
            problems.add("Channel '" + channel + "': " + (explicit ? config.source(channel, incoming, "queue") + "='" + queue + "'"
                    : "the queue name defaults to the channel name '" + queue + "' (" + ChannelConfig.key(channel, incoming, "queue")
                            + ")") + ", which is not a valid queue name (store: " + store + "). A queue name has "
                    + Names.QUEUE_NAME_RULE + ". Fix: set " + ChannelConfig.key(channel, incoming, "queue")
                    + " to a valid name such as 'orders'.");
        }
    }

    void positive(String channel, String attribute, String meaning, String example) {
        Optional<String> value = config.value(channel, true, attribute);
        if (value.isEmpty()) {
            return;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed <= 0) {
            problems.add("Channel '" + channel + "': " + config.source(channel, true, attribute) + "=" + value.get()
                    + " is invalid (store: " + store + "): " + meaning + " must be a positive whole number. Fix: set "
                    + ChannelConfig.key(channel, true, attribute) + " to a positive value such as " + example
                    + ", or remove it to use the default.");
        }
    }

    void failureStrategy(String channel) {
        Optional<String> value = config.value(channel, true, "failure-strategy");
        if (value.isPresent() && !failureStrategies.contains(value.get().trim())) {
            problems.add("Channel '" + channel + "': " + config.source(channel, true, "failure-strategy") + "=" + value.get()
                    + " is an unknown failure strategy (store: " + store + "). Fix: use one of "
                    + failureStrategies.stream().sorted().collect(Collectors.joining(", "))
                    + ", or add an @ApplicationScoped bean implementing " + PgqrsFailureHandler.class.getName()
                    + " with @Identifier(\"" + value.get().trim() + "\").");
        }
    }

    void ackMode(String channel) {
        Optional<String> value = config.value(channel, true, "ack-mode");
        if (value.isPresent() && !Set.of("archive", "delete").contains(value.get().trim().toLowerCase())) {
            problems.add("Channel '" + channel + "': " + config.source(channel, true, "ack-mode") + "=" + value.get()
                    + " is not an ack mode (store: " + store + "). Fix: set it to archive (keep acknowledged rows) or delete.");
        }
    }

    /** A queue has one dead-letter policy: two channels may not ask for different ones. */
    void maxReadCounts(List<String> channels) {
        Map<String, String> firstChannel = new LinkedHashMap<>();
        Map<String, String> firstValue = new LinkedHashMap<>();
        for (String channel : channels) {
            Optional<String> value = config.value(channel, true, "max-read-count");
            if (value.isEmpty()) {
                continue;
            }
            positive(channel, "max-read-count", "the max read count (deliveries before a dead letter)", "5");
            String queue = config.value(channel, true, "queue").orElse(channel);
            String earlier = firstValue.putIfAbsent(queue, value.get().trim());
            if (earlier == null) {
                firstChannel.put(queue, channel);
            } else if (!earlier.equals(value.get().trim())) {
                String other = firstChannel.get(queue);
                problems.add("Channel '" + channel + "': " + ChannelConfig.key(channel, true, "max-read-count") + "="
                        + value.get() + " conflicts with " + ChannelConfig.key(other, true, "max-read-count") + "=" + earlier
                        + " of channel '" + other + "': both read queue '" + queue + "' (store: " + store + "), and"
                        + " max-read-count is a policy of the queue, not of a channel. Fix: set the same value on both"
                        + " channels, or set it on one of them only.");
            }
        }
    }
}
