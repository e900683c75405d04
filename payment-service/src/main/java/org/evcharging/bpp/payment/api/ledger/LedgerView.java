package org.evcharging.bpp.payment.api.ledger;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.evcharging.bpp.payment.api.links.PaymentLinkView;
import org.evcharging.bpp.payment.domain.Ledger;
import org.evcharging.bpp.payment.domain.Money;

/** An order's money: totals, every payment and refund, and every payment link made for it. */
@Schema(name = "OrderLedger")
@JsonbNillable
public record LedgerView(
        String orderRef,
        String currency,
        @Schema(examples = "47.20") String paid,
        @Schema(examples = "0.00") String refunded,
        @Schema(examples = "47.20", description = "paid - refunded") String balance,
        @Schema(examples = "47.20", description = "what the order's own payments still hold: the balance without a "
                + "payment on a replaced link, which is given back in full by itself") String refundable,
        @Schema(enumeration = {
                "NOT-PAID", "PAID", "PARTIALLY-REFUNDED", "REFUNDED"}) String status,
        List<EntryView> entries,
        List<PaymentLinkView> links){

    @Schema(name = "LedgerEntry")
    @JsonbNillable
    public record EntryView(
            @Schema(enumeration = {
                    "PAYMENT", "REFUND"}) String type,
            @Schema(description = "paymentId or refundId") String id,
            String amount,
            @Schema(description = "PAID for a payment; REFUNDED or FAILED for a refund") String status,
            String gatewayRef,
            Instant at){

        static EntryView of(Ledger.Entry e) {
            return new EntryView(e.type().name(), e.id(), Money.format(e.amount()), e.status(), e.gatewayRef(), e.at());
        }
    }

    static LedgerView of(String orderRef, String currency, Ledger ledger, List<PaymentLinkView> links) {
        return new LedgerView(orderRef, currency, Money.format(ledger.paid()), Money.format(ledger.refunded()),
                Money.format(ledger.balance()), Money.format(ledger.refundable()), ledger.status().wire(),
                ledger.entries().stream().map(EntryView::of).toList(), links);
    }
}
