package org.evcharging.bpp.core.outbound;

import java.util.Optional;

/**
 * Rebuilds the body of an answer the outbox did not keep (its handler answers with a fresh read, see
 * {@code BecknActionHandler.answerRebuiltOnRetry}): the dispatcher asks for it when such a message must be sent
 * again after a failed attempt or a restart. Implemented where the stored requests are, in the inbound layer.
 */
public interface AnswerRebuilder {

    /**
     * The answer's JSON, built afresh from the request it answers; empty when that request is no longer stored.
     * Throws when it cannot be built now (the database is down...): the dispatcher retries later.
     */
    Optional<String> rebuild(OutboxMessage message);
}
