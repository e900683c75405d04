package org.evcharging.bpp.core.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.SchemaViolation;
import org.evcharging.bpp.core.tasks.AfterCommit;

/**
 * Where every service puts its {@code on_*} callbacks: validated strictly, written to the outbox inside the
 * caller's transaction, and handed to the dispatcher the moment that transaction commits.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    BppConfig config;

    @Inject
    OutboxStore store;

    @Inject
    OutboxDispatcher dispatcher;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private CallbackBuilder builder;

    @PostConstruct
    void init() {
        builder = new CallbackBuilder(config.subscriberId(), config.subscriberUri(), Clock.systemUTC());
    }

    /** An answer to one request: its message, or its business error. */
    public record Answer(JsonNode requestContext, String action, ObjectNode message, BecknError error,
            Instant deadline) {
    }

    /** The answer to a request ({@code on_<action>} with the request's message_id). */
    public String answer(JsonNode requestContext, String action, ObjectNode message, BecknError error,
            Instant deadline) {
        return answerAll(List.of(new Answer(requestContext, action, message, error, deadline))).get(0);
    }

    /** Answers to several requests, written in one statement inside the caller's transaction; their outbox ids. */
    public List<String> answerAll(List<Answer> answers) {
        return answerAll(answers, false);
    }

    /**
     * {@link #answerAll(List)}; with {@code rebuildable}, the answers that carry a message (not an error) are written
     * without their body, which an {@link AnswerRebuilder} builds again from the stored request should a delivery
     * have to be retried. The first attempt sends the body built here, right after commit.
     */
    public List<String> answerAll(List<Answer> answers, boolean rebuildable) {
        List<OutboxMessage> messages = new ArrayList<>(answers.size());
        for (Answer a : answers) {
            OutboxMessage m = prepare(
                    builder.build(a.requestContext(), "on_" + a.action(), a.message(), a.error(), false), a.deadline());
            messages.add(rebuildable && a.error() == null ? m.bodyNotStored() : m);
        }
        return enqueue(messages);
    }

    /** The body of the answer to a request, built and validated as {@link #answer} builds it, for a rebuild. */
    public String rebuiltBody(JsonNode requestContext, String action, ObjectNode message) {
        ObjectNode body = builder.build(requestContext, "on_" + action, message, null, false);
        validate(body);
        return body.toString();
    }

    /** An unsolicited {@code on_status}, {@code on_update} or {@code on_cancel}: fresh message_id, same transaction. */
    public String unsolicited(JsonNode transactionContext, String callbackAction, ObjectNode message,
            Instant deadline) {
        return enqueue(
                List.of(prepare(builder.build(transactionContext, callbackAction, message, null, true), deadline)))
                .get(0);
    }

    private static void validate(ObjectNode body) {
        String action = body.get("context").get("action").asText();
        List<SchemaViolation> violations = BecknSchemas.shared().validateStrict(action, body);
        if (!violations.isEmpty()) {
            // Our own bug: refuse to send something the network would reject.
            throw new IllegalStateException("outbound " + action + " is not schema-valid: " + violations);
        }
    }

    private OutboxMessage prepare(ObjectNode body, Instant deadline) {
        validate(body);
        JsonNode context = body.get("context");
        String action = context.get("action").asText();
        // bap_uri was held against the registry at the door; the address is built from its parts, not pasted.
        String target = CallbackTargets.callbackUri(context.get("bap_uri").asText(), action).toString();
        long now = System.currentTimeMillis();
        return new OutboxMessage(UUID.randomUUID().toString(), action,
                BecknReferences.of(context.get("bap_id").asText(),
                        context.get("transaction_id").asText(), context.get("message_id").asText()),
                target, body.toString(), now,
                Math.max(deadline.toEpochMilli(), now + 1000), now + OutboxDispatcher.LEASE_MILLIS);
    }

    private List<String> enqueue(List<OutboxMessage> messages) {
        store.addAll(messages);
        AfterCommit.run(transactions, () -> {
            messages.forEach(dispatcher::dispatchSoon);
        });
        return messages.stream().map(OutboxMessage::id).toList();
    }
}
