package org.evcharging.bpp.core.inbound;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * An ACKed request, stored before the ACK leaves so that nothing ACKed is lost. The unique key
 * (bap_id, message_id, action) de-duplicates retries. The action is part of the key because the workflow
 * document reuses one message_id across the actions of a transaction. Times are epoch milliseconds (UTC).
 */
@Entity
@Cacheable(false)
@Table(name = "beckn_inbox", indexes = {
        @Index(name = "uk_inbox_msg", columnList = "bap_id, message_id, action", unique = true),
        @Index(name = "ix_inbox_status", columnList = "status, received_at")})
public class InboxMessage {

    public enum Status {
        RECEIVED, PROCESSED, FAILED
    }

    @Id
    @Column(length = 36)
    private String id;

    @Embedded
    private BecknReferences beckn;

    @Column(length = 20, nullable = false)
    private String action;

    @Lob
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    private String body;

    @Column(length = 12, nullable = false)
    private String status;

    @Column(name = "received_at", nullable = false)
    private long receivedAt;

    @Column(name = "processed_at")
    private Long processedAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "lease_until")
    private Long leaseUntil;

    @Column(name = "answer_deadline", nullable = false)
    private long answerDeadline;

    protected InboxMessage() {
    }

    /** The row as the door hands a request to the processor, for a row taken over by recovery. */
    InboxWriter.Accepted accepted() {
        return new InboxWriter.Accepted(id, new InboundRequest(action, InboundTransactions.parse(body)),
                beckn.bapId(), beckn.messageId(), beckn.transactionId(), body, receivedAt, answerDeadline);
    }

    public String id() {
        return id;
    }

    /** The BAP, transaction and message this came from. */
    public BecknReferences beckn() {
        return beckn;
    }

    public String action() {
        return action;
    }

    public String body() {
        return body;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public int attempts() {
        return attempts;
    }

    public long answerDeadline() {
        return answerDeadline;
    }
}
