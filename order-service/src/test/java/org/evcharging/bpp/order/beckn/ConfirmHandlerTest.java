package org.evcharging.bpp.order.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.booking.PriceClaim;
import org.junit.jupiter.api.Test;

/** What a confirm says the user was shown: the quote's price and the payment's amount, where given. */
class ConfirmHandlerTest {

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void the_quote_price_and_the_payment_amount_are_read_as_decimals_with_their_currency() throws Exception {
        List<PriceClaim> claims = ConfirmHandler.claims(json("{\"order\":{\"quote\":{\"price\":{\"value\":\"40\","
                + "\"currency\":\"INR\"}},\"payments\":[{\"params\":{\"amount\":\"97.940\"}}]}}"));
        assertEquals(2, claims.size());
        assertEquals(ConfirmHandler.QUOTE_PRICE, claims.get(0).path());
        assertEquals(0, new BigDecimal("40.00").compareTo(claims.get(0).value()));
        assertEquals("INR", claims.get(0).currency());
        assertEquals(ConfirmHandler.PAYMENT_AMOUNT, claims.get(1).path());
        assertNull(claims.get(1).currency());
        assertTrue(claims.get(1).matches(new BigDecimal("97.94"), "INR"));
        assertTrue(!claims.get(0).matches(new BigDecimal("97.94"), "INR"));
    }

    @Test
    void absent_prices_are_not_checked() throws Exception {
        assertTrue(ConfirmHandler.claims(json("{\"order\":{\"id\":\"x\",\"payments\":[{\"status\":\"PAID\"}]}}"))
                .isEmpty());
    }

    @Test
    void a_price_that_is_not_a_number_is_a_bad_request_naming_it() throws Exception {
        BecknException e = assertThrows(BecknException.class, () -> ConfirmHandler
                .claims(json("{\"order\":{\"payments\":[{\"params\":{\"amount\":\"forty\"}}]}}")));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals(ConfirmHandler.PAYMENT_AMOUNT, e.error().paths());
    }

    @Test
    void another_currency_is_another_price() {
        assertTrue(!new PriceClaim("p", new BigDecimal("100"), "USD").matches(new BigDecimal("100.00"), "INR"));
        assertTrue(new PriceClaim("p", new BigDecimal("100"), "inr").matches(new BigDecimal("100.00"), "INR"));
    }
}
