package dev.pgqrs.spi;

import java.time.Instant;

/**
 * A validated message ready for insertion.
 *
 * @param payloadJson valid JSON text
 * @param headersJson a JSON object, or null when there are no headers
 * @param delayMillis delay relative to the database clock (0 for none); ignored when deliverAt is set
 * @param deliverAt   absolute delivery time, or null
 */
public record EncodedMessage(String payloadJson, String headersJson, long delayMillis, Instant deliverAt) {
}
