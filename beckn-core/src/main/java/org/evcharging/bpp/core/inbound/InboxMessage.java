package org.evcharging.bpp.core.inbound;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.evcharging.bpp.core.model.InboundRequest;

/**
 * An ACKed request, stored before the ACK leaves so that nothing ACKed is lost. The unique key
 * (bap_id, message_id, action) de-duplicates retries. The action is part of the key because the workflow
 * document reuses one message_id across the actions of a transaction. Times are epoch milliseconds (UTC).
 */
@Entity
@Cacheable(false)
@Table(name = "beckn_inbox",
        uniqueConstraints = @UniqueConstraint(name = "uk_inbox_msg", columnNames = {"bap_id", "message_id", "action"}),
        indexes = @Index(name = "ix_inbox_status", columnList = "status, received_at"))
public class InboxMessage {

    public enum Status { RECEIVED, PROCESSED, FAILED }

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "bap_id", length = 190, nullable = false)
    private String bapId;

    @Column(name = "message_id", length = 100, nullable = false)
    private String messageId;

    @Column(length = 20, nullable = false)
    private String action;

    @Column(name = "transaction_id", length = 100, nullable = false)
    private String transactionId;

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
        return new InboxWriter.Accepted(id, new InboundRequest(action, InboundTransactions.parse(body)), bapId,
                messageId, transactionId, body, receivedAt, answerDeadline);
    }

    public String id() {
        return id;
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

    public String transactionId() {
        return transactionId;
    }

    public String messageId() {
        return messageId;
    }
}
