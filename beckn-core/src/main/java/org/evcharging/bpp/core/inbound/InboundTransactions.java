package org.evcharging.bpp.core.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.outbound.Outbox;

/**
 * The two transactions a request can end in: the handler's state change together with its {@code on_*}
 * answer and the inbox row marked done; or, when the handler failed, only an error answer and the inbox row.
 */
@ApplicationScoped
public class InboundTransactions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InboxStore inbox;

    @Inject
    Outbox outbox;

    @Transactional(TxType.REQUIRES_NEW)
    public void handle(InboxMessage row, BecknActionHandler handler) {
        InboundRequest request = new InboundRequest(row.action(), parse(row.body()));
        ObjectNode message = handler.handle(request);
        outbox.answer(request.context(), row.action(), message, null, Instant.ofEpochMilli(row.answerDeadline()));
        inbox.finish(row.id(), InboxMessage.Status.PROCESSED);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void answerWithError(InboxMessage row, BecknError error, InboxMessage.Status status) {
        ObjectNode body = parse(row.body());
        outbox.answer(body.get("context"), row.action(), null, error, Instant.ofEpochMilli(row.answerDeadline()));
        inbox.finish(row.id(), status);
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
