package org.evcharging.bpp.order.application.booking;

/**
 * What a booking asks ({@code init}), as the Beckn handler read and checked it: who asks (the BAP, its transaction,
 * the message, and the request's context as JSON, kept for the callbacks the BPP sends on its own later), the
 * provider and item quoted before (and optionally the quote's id; without it the transaction's latest quote is
 * booked), who pays, and who charges with which vehicle (a vehicle category may unlock a per-vehicle offer).
 */
public record BookingRequest(String bapId, String transactionId, String messageId, String requestContext,
        String providerId, String itemId, String quoteId, String billingName, String billingEmail,
        String billingPhone, String customerName, String customerPhone, String vehicleCategory,
        String vehicleRegistration) {
}
