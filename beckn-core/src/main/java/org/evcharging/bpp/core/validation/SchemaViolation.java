package org.evcharging.bpp.core.validation;

/** One place where a message breaks the Beckn schema: a JSON path ({@code $.context.bap_uri}) and why. */
public record SchemaViolation(String path, String message) {
}
