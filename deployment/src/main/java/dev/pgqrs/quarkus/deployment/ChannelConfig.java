package dev.pgqrs.quarkus.deployment;

import dev.pgqrs.quarkus.PgqrsConnector;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a channel attribute at build time the way SmallRye does at runtime: the channel's own key,
 * then the connector-wide default {@code mp.messaging.connector.pgqrs.<attribute>}.
 */
final class ChannelConfig {
    private final Config config = ConfigProvider.getConfig();

    static String key(String channel, boolean incoming, String attribute) {
        String name = channel.contains(".") ? "\"" + channel + "\"" : channel;
        return "mp.messaging." + (incoming ? "incoming." : "outgoing.") + name + "." + attribute;
    }

    static String connectorKey(String attribute) {
        return "mp.messaging.connector." + PgqrsConnector.NAME + "." + attribute;
    }

    Optional<String> channelValue(String channel, boolean incoming, String attribute) {
        return config.getOptionalValue(key(channel, incoming, attribute), String.class);
    }

    Optional<String> value(String channel, boolean incoming, String attribute) {
        Optional<String> own = channelValue(channel, incoming, attribute);
        return own.isPresent() ? own : config.getOptionalValue(connectorKey(attribute), String.class);
    }

    /** The key a value was read from, for error messages. */
    String source(String channel, boolean incoming, String attribute) {
        return channelValue(channel, incoming, attribute).isPresent() ? key(channel, incoming, attribute) : connectorKey(attribute);
    }

    Optional<String> raw(String key) {
        return config.getOptionalValue(key, String.class);
    }
}
