package org.evcharging.bpp.core.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
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

    @Resource
    TransactionSynchronizationRegistry registry;

    /**
     * Marks the message processed, runs the handler and writes its answer to the outbox, all in one transaction.
     * False when there was nothing to do (handled already).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean handle(String inboxId, InboundRequest request, long answerDeadline, BecknActionHandler handler) {
        if (!inbox.markProcessed(inboxId)) {
            return false;
        }
        if (handler == null) {
            throw new BecknException(ErrorCode.ACTION_NOT_APPLICABLE, "no handler for " + request.action());
        }
        ObjectNode message = handler.handle(request);
        outbox.answerAll(List.of(new Outbox.Answer(request.context(), request.action(), message, null,
                Instant.ofEpochMilli(answerDeadline))), handler.answerRebuiltOnRetry());
        return true;
    }

    /**
     * {@link #handle} for several requests of one action in one transaction: each answered with its handler's
     * message, or with its own business error. Anything else, or a row that is no longer waiting (handled
     * elsewhere meanwhile), fails the whole batch: it rolls back and the caller handles each on its own.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void handleBatch(List<InboxWriter.Accepted> batch, BecknActionHandler handler) {
        if (handler == null) {
            throw new IllegalStateException("no handler for " + batch.get(0).request().action());
        }
        List<String> ids = batch.stream().map(InboxWriter.Accepted::inboxId).toList();
        if (inbox.markProcessed(ids) != ids.size()) {
            throw new IllegalStateException("some of the batch was taken by another worker");
        }
        List<Outbox.Answer> answers = new ArrayList<>(batch.size());
        for (InboxWriter.Accepted a : batch) {
            InboundRequest request = a.request();
            ObjectNode message = null;
            BecknError error = null;
            try {
                message = handler.handle(request);
            } catch (BecknException e) {
                if (registry.getRollbackOnly()) {
                    throw e; // it came through a transactional boundary: the batch cannot commit
                }
                error = e.error();
            }
            answers.add(new Outbox.Answer(request.context(), request.action(), message, error,
                    Instant.ofEpochMilli(a.answerDeadline())));
        }
        outbox.answerAll(answers, handler.answerRebuiltOnRetry());
    }

    /** Answers a message with an error callback and closes it; a no-op when it was answered already. */
    @Transactional(TxType.REQUIRES_NEW)
    public void answerWithError(String inboxId, BecknError error, InboxMessage.Status status) {
        // Claim first: only the worker whose UPDATE moves the row on answers it (another may have answered it after
        // this worker's lease ran out), and the row stays locked until this answer commits.
        if (!inbox.close(inboxId, status)) {
            return;
        }
        InboxMessage row = inbox.get(inboxId);
        ObjectNode body = parse(row.body());
        outbox.answer(body.get("context"), row.action(), null, error, Instant.ofEpochMilli(row.answerDeadline()));
    }

    static ObjectNode parse(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
