package dev.pgqrs.internal;

import java.util.List;

/** One versioned step of a store's schema. Statements must be safe on a database that already has their objects. */
public record Migration(int version, String description, List<String> statements) {
}
