package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.booking.BookingRequest;

/**
 * What an {@code init} asks: the provider and item quoted before (and optionally the quote's id; without it the
 * transaction's latest quote is booked), who pays ({@code billing}: a name, and an email or a phone), who charges
 * and with which vehicle ({@code fulfillments[0].customer}, {@code .vehicle}: a vehicle category may unlock a
 * per-vehicle offer).
 */
public record InitRequest(String providerId, String itemId, String quoteId, String billingName, String billingEmail,
        String billingPhone, String customerName, String customerPhone, String vehicleCategory,
        String vehicleRegistration) {

    static final String ORDER = "$.message.order";
    /** What payment-service accepts as a phone number. */
    static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("^\\+?[0-9][0-9 ()-]{4,30}$");

    public static InitRequest from(JsonNode message) {
        JsonNode order = message.path("order");
        String provider = text(order.path("provider").path("id"));
        if (provider == null) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".provider.id", "the order names no provider");
        }
        JsonNode items = order.path("items");
        String item = text(items.path(0).path("id"));
        if (item == null) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".items[0].id", "the order names no item");
        }
        if (items.size() > 1) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".items", "one item per order");
        }
        JsonNode billing = order.path("billing");
        String name = text(billing.path("name"));
        String email = text(billing.path("email"));
        String phone = text(billing.path("phone"));
        if (name == null) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".billing.name",
                    "billing needs the payer's name");
        }
        if (email == null && phone == null) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".billing.email",
                    "billing needs an email or a phone number to send the bill to");
        }
        if (name.length() > 100) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".billing.name", "at most 100 characters");
        }
        if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".billing.email", "not an email address");
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".billing.phone",
                    "not a phone number (e.g. +91-9876543210)");
        }
        JsonNode f = order.path("fulfillments").path(0);
        String customerName = text(f.path("customer").path("person").path("name"));
        String customerPhone = text(f.path("customer").path("contact").path("phone"));
        String vehicle = text(f.path("vehicle").path("category"));
        String registration = text(f.path("vehicle").path("registration"));
        if ((customerName != null && customerName.length() > 100)
                || (customerPhone != null && customerPhone.length() > 40)
                || (vehicle != null && vehicle.length() > 40) || (registration != null && registration.length() > 40)) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".fulfillments[0]",
                    "customer or vehicle details are too long");
        }
        return new InitRequest(provider, item, text(order.path("quote").path("id")), name, email, phone,
                customerName != null ? customerName : name, customerPhone != null ? customerPhone : phone, vehicle,
                registration);
    }

    /** The booking command of this request, from the BAP named in its context. */
    public BookingRequest booking(InboundRequest request) {
        return new BookingRequest(request.bapId(), request.transactionId(), request.messageId(),
                request.context().toString(), providerId, itemId, quoteId, billingName, billingEmail, billingPhone,
                customerName, customerPhone, vehicleCategory, vehicleRegistration);
    }

    static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? n.asText().trim() : null;
    }
}
