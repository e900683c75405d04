package org.evcharging.bpp.core.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * Where a stored thing came from on the Beckn network: the BAP that asked, the transaction and the message. One
 * {@code @Embeddable} so that every entity of every service declares these columns alike ({@code bap_id},
 * {@code transaction_id}, {@code message_id}) with one set of sizes; {@link BecknReferenceColumns} brings columns
 * created with other sizes to these at start.
 *
 * <p>The sizes: a subscriber id is a domain name, so 190 characters (an index over it stays within InnoDB's key
 * limit in utf8mb4 next to the other key columns); the workflow's ids are UUIDs, and 100 leaves room for a BAP's own
 * format. {@link org.evcharging.bpp.core.inbound.ContextChecks} refuses longer ones at the door. The message id is
 * optional: a thing made over several messages (an order) keeps the one that created it, or none.
 */
@Embeddable
public class BecknReferences {

    public static final int BAP_ID_LENGTH = 190;
    public static final int TRANSACTION_ID_LENGTH = 100;
    public static final int MESSAGE_ID_LENGTH = 100;

    @Column(name = "bap_id", length = BAP_ID_LENGTH, nullable = false)
    private String bapId;

    @Column(name = "transaction_id", length = TRANSACTION_ID_LENGTH, nullable = false)
    private String transactionId;

    @Column(name = "message_id", length = MESSAGE_ID_LENGTH)
    private String messageId;

    protected BecknReferences() {
    }

    private BecknReferences(String bapId, String transactionId, String messageId) {
        this.bapId = Objects.requireNonNull(bapId, "bap_id");
        this.transactionId = Objects.requireNonNull(transactionId, "transaction_id");
        this.messageId = messageId;
    }

    public static BecknReferences of(String bapId, String transactionId, String messageId) {
        return new BecknReferences(bapId, transactionId, messageId);
    }

    /** For a thing made over several messages, remembered by its BAP and transaction only. */
    public static BecknReferences of(String bapId, String transactionId) {
        return new BecknReferences(bapId, transactionId, null);
    }

    public String bapId() {
        return bapId;
    }

    public String transactionId() {
        return transactionId;
    }

    /** The message that created the thing, or {@code null}. */
    public String messageId() {
        return messageId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BecknReferences r && bapId.equals(r.bapId) && transactionId.equals(r.transactionId)
                && Objects.equals(messageId, r.messageId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bapId, transactionId, messageId);
    }
}
