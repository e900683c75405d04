package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.booking.Bookings;
import org.evcharging.bpp.order.application.booking.PriceClaim;

/**
 * Beckn {@code confirm}: the order (by {@code order.id}, or the transaction's) is confirmed only when payment-service
 * says it is paid in full (the BAP's own "PAID" is not taken on trust); {@code on_confirm} answers the ACTIVE order
 * with state {@code payment-completed} and where and how to start. A repeated confirm answers the same order.
 * <p>
 * The price the BAP sends back ({@code quote.price}, {@code payments[0].params.amount}) is what its user was shown:
 * when it is not the order's current quote total, the user would agree to one price and pay another, so the confirm
 * is refused with 40003 and the current quote, and the BAP can show it again. Absent, nothing is checked.
 */
@ApplicationScoped
public class ConfirmHandler implements BecknActionHandler {

    static final String QUOTE_PRICE = "$.message.order.quote.price.value";
    static final String PAYMENT_AMOUNT = "$.message.order.payments[0].params.amount";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)");

    @Inject
    Bookings bookings;

    @Inject
    OrderMessages messages;

    @Override
    public String action() {
        return "confirm";
    }

    /** A price that is not a number is a bad request, before the ACK. */
    @Override
    public void check(InboundRequest request) {
        claims(request.message());
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        String orderId = InitRequest.text(request.message().path("order").path("id"));
        return messages.message(
                bookings.confirm(orderId, request.bapId(), request.transactionId(), claims(request.message())), true);
    }

    /** The prices the BAP showed, where it gave them. */
    static List<PriceClaim> claims(JsonNode message) {
        JsonNode order = message.path("order");
        List<PriceClaim> claims = new ArrayList<>(2);
        JsonNode price = order.path("quote").path("price");
        claim(claims, QUOTE_PRICE, price.path("value"), price.path("currency"));
        JsonNode params = order.path("payments").path(0).path("params");
        claim(claims, PAYMENT_AMOUNT, params.path("amount"), params.path("currency"));
        return claims;
    }

    private static void claim(List<PriceClaim> claims, String path, JsonNode value, JsonNode currency) {
        if (value.isMissingNode() || value.isNull()) {
            return;
        }
        String text = value.isNumber() ? value.decimalValue().toPlainString()
                : value.isTextual() ? value.asText().trim()
                        : null;
        if (text == null || text.length() > 32 || !DECIMAL.matcher(text).matches()) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path,
                    "not an amount: write it as a decimal, e.g. 97.94");
        }
        String cur = currency.isTextual() && !currency.asText().isBlank() ? currency.asText().trim() : null;
        claims.add(new PriceClaim(path, new BigDecimal(text), cur));
    }
}
