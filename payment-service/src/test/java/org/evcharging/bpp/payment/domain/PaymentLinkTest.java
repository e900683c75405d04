package org.evcharging.bpp.payment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentLinkTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant EXPIRY = T0.plusSeconds(900);

    @Test
    void an_unpaid_link_expires_but_a_paid_one_does_not() {
        PaymentLink link = link();
        assertEquals(LinkStatus.NOT_PAID, link.statusAt(T0));
        assertTrue(link.payableAt(EXPIRY));
        assertEquals(LinkStatus.EXPIRED, link.statusAt(EXPIRY.plusMillis(1)));
        assertFalse(link.payableAt(EXPIRY.plusMillis(1)));

        link.capture("sbx_pay_1", T0.plusSeconds(60));
        assertEquals(LinkStatus.PAID, link.statusAt(EXPIRY.plusSeconds(3600)));
        assertEquals("sbx_pay_1", link.gatewayRef());
    }

    @Test
    void a_declined_link_can_be_paid_again_until_it_expires() {
        PaymentLink link = link();
        link.fail("sbx_pay_1");
        assertEquals(LinkStatus.FAILED, link.statusAt(T0));
        assertTrue(link.payableAt(T0));
        assertFalse(link.reusableFor(new BigDecimal("47.20"), "INR", T0),
                "a re-init after a decline gets a fresh link");
        link.capture("sbx_pay_2", T0);
        assertEquals(LinkStatus.PAID, link.statusAt(T0));
    }

    @Test
    void a_cancelled_link_stays_cancelled_and_a_paid_one_cannot_be_cancelled() {
        PaymentLink cancelled = link();
        cancelled.cancel();
        assertEquals(LinkStatus.CANCELLED, cancelled.statusAt(T0));
        assertFalse(cancelled.payableAt(T0));
        cancelled.fail("x");
        assertEquals(LinkStatus.CANCELLED, cancelled.statusAt(T0));
        cancelled.capture("sbx-late", T0.plusSeconds(5));
        assertEquals(LinkStatus.CANCELLED, cancelled.storedStatus(),
                "paid after it was replaced: still not the order's link");
        assertEquals("sbx-late", cancelled.gatewayRef());

        PaymentLink paid = link();
        paid.capture("sbx", T0);
        paid.cancel();
        paid.fail("y");
        assertEquals(LinkStatus.PAID, paid.statusAt(T0));
    }

    @Test
    void only_an_open_link_for_the_same_amount_and_currency_is_reused() {
        PaymentLink link = link();
        assertTrue(link.reusableFor(new BigDecimal("47.2"), "INR", T0));
        assertFalse(link.reusableFor(new BigDecimal("47.21"), "INR", T0));
        assertFalse(link.reusableFor(new BigDecimal("47.20"), "EUR", T0));
        assertFalse(link.reusableFor(new BigDecimal("47.20"), "INR", EXPIRY.plusSeconds(1)));
    }

    @Test
    void a_link_refuses_invalid_state() {
        assertThrows(IllegalArgumentException.class, () -> new PaymentLink("id", "o", new BigDecimal("0.00"), "INR",
                null, null, T0, EXPIRY));
        assertThrows(IllegalArgumentException.class, () -> new PaymentLink("id", "o", BigDecimal.ONE, "INR",
                null, null, T0, T0));
        assertThrows(NullPointerException.class, () -> new PaymentLink("id", null, BigDecimal.ONE, "INR",
                null, null, T0, EXPIRY));
    }

    private static PaymentLink link() {
        return new PaymentLink("3f1c2d4e-0000-4000-8000-000000000001", "order-1", new BigDecimal("47.20"), "INR",
                "4 kWh at MG Road", new PaymentLink.Payer("Asha", "asha@example.com", "+919876543210"), T0, EXPIRY);
    }
}
