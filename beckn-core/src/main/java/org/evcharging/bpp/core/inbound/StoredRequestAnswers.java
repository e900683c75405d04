package org.evcharging.bpp.core.inbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.outbound.AnswerRebuilder;
import org.evcharging.bpp.core.outbound.Outbox;
import org.evcharging.bpp.core.outbound.OutboxMessage;

/**
 * Answers that the outbox did not keep are built again from the inbox: the stored request is handled once more
 * (a fresh read, e.g. the catalog as it is now) and its answer built and validated as the first one was. The inbox
 * keeps a request at least twice as long as any callback may be retried, so it is there for every retry.
 */
@ApplicationScoped
public class StoredRequestAnswers implements AnswerRebuilder {

    @Inject
    InboxStore inbox;

    @Inject
    InboundProcessor processor;

    @Inject
    Outbox outbox;

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<String> rebuild(OutboxMessage message) {
        String callback = message.action();
        if (!callback.startsWith("on_")) {
            return Optional.empty();
        }
        String action = callback.substring(3);
        InboxMessage row = inbox.find(message.beckn().bapId(), message.beckn().messageId(), action);
        BecknActionHandler handler = processor.handler(action).orElse(null);
        if (row == null || handler == null || !handler.answerRebuiltOnRetry()) {
            return Optional.empty();
        }
        InboundRequest request = row.accepted().request();
        ObjectNode answer = handler.handle(request);
        return Optional.of(outbox.rebuiltBody(request.context(), action, answer));
    }
}
