package dev.pgqrs.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;
import java.util.List;

/** The channels served by the pgqrs connector, found at build time. */
public final class PgqrsChannelsBuildItem extends SimpleBuildItem {

    /** @param payloadType the element type for a batch consumer; null when unknown */
    public record Channel(String name, boolean incoming, String payloadType, boolean batch) {
    }

    private final List<Channel> channels;

    PgqrsChannelsBuildItem(List<Channel> channels) {
        this.channels = List.copyOf(channels);
    }

    public List<Channel> incoming() {
        return channels.stream().filter(Channel::incoming).toList();
    }

    public List<Channel> outgoing() {
        return channels.stream().filter(c -> !c.incoming()).toList();
    }
}
