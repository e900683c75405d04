package org.evcharging.bpp.core.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evcharging.bpp.core.model.InboundRequest;

/**
 * What a service implements for each Beckn action it owns (a CDI bean). It runs inside the transaction
 * that also writes the {@code on_<action>} callback to the outbox, so state change and answer commit together.
 * Return the callback's {@code message} object; throw {@link org.evcharging.bpp.core.model.BecknException}
 * for a business error, which becomes the callback's {@code error}.
 */
public interface BecknActionHandler {

    /** The action handled, e.g. {@code search}. */
    String action();

    /**
     * Synchronous checks of what the request means, beyond the schema (a gps that is not a coordinate, a
     * negative radius...), run before the request is stored and ACKed. Throw a
     * {@link org.evcharging.bpp.core.model.BecknException}: the pipeline answers it with a 400 NACK carrying its
     * code and paths. Keep it cheap and free of I/O: it runs on the thread that ACKs.
     */
    default void check(InboundRequest request) {
    }

    ObjectNode handle(InboundRequest request);

    /**
     * True when requests stored together may be handled together: in one transaction, each with its own answer
     * (a business error still answers only its own request). Worth it for quick handlers that only read, such
     * as search; a handler that calls other services or writes much should keep the default, one request per
     * transaction. If anything fails in a batch, it is rolled back and every request is handled on its own.
     */
    default boolean answersInBatches() {
        return false;
    }

    /**
     * True when the answer is a fresh read that can be computed again from the stored request, as a search's
     * catalog is: the outbox then keeps no copy of the answer's body (for a search, kilobytes written and purged for
     * every request), and a delivery retried after a failure or a restart handles the stored request again. A
     * business error's answer is always kept. Keep the default for anything whose answer records a state change.
     */
    default boolean answerRebuiltOnRetry() {
        return false;
    }
}
