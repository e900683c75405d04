package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxSignatureTest {

    private static final byte[] SECRET = "test-secret".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final byte[] BODY = "{\"eventId\":\"e1\",\"type\":\"payment.captured\",\"amount\":\"47.20\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final SandboxSignature signature = new SandboxSignature(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void the_header_is_t_and_the_lowercase_hex_hmac_of_t_dot_body() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((T + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=" + T + ",v1=" + expected, signature.header(BODY));
        assertTrue(expected.matches("[0-9a-f]{64}"));
    }

    @Test
    void a_good_signature_is_accepted_within_five_minutes_either_way() {
        assertEquals(T, signature.verify(signature.header(T, BODY), BODY));
        assertEquals(T - 300, signature.verify(signature.header(T - 300, BODY), BODY));
        assertEquals(T + 300, signature.verify(signature.header(T + 300, BODY), BODY));
        assertEquals(T, signature.verify(" t=" + T + " , v1=" + signature.header(T, BODY).split("v1=")[1], BODY));
    }

    @Test
    void one_matching_v1_among_several_is_enough_for_a_secret_rotation() {
        String good = signature.header(T, BODY).split("v1=")[1];
        assertEquals(T, signature.verify("t=" + T + ",v1=" + "0".repeat(64) + ",v1=" + good + ",v0=legacy", BODY));
    }

    @Test
    void a_forged_signature_or_a_changed_body_is_refused() {
        String header = signature.header(T, BODY);
        byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("47.20", "4.72")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookRejectedException.class, () -> signature.verify(header, changed));
        String otherSecret = new SandboxSignature("other".getBytes(StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC)).header(T, BODY);
        assertThrows(WebhookRejectedException.class, () -> signature.verify(otherSecret, BODY));
        // the timestamp is inside the MAC: moving it breaks the signature
        String v1 = header.split("v1=")[1];
        assertThrows(WebhookRejectedException.class, () -> signature.verify("t=" + (T + 1) + ",v1=" + v1, BODY));
    }

    @Test
    void a_stale_signature_is_refused_even_when_authentic() {
        WebhookRejectedException old = assertThrows(WebhookRejectedException.class,
                () -> signature.verify(signature.header(T - 301, BODY), BODY));
        assertTrue(old.getMessage().contains("stale"), old.getMessage());
        assertThrows(WebhookRejectedException.class, () -> signature.verify(signature.header(T + 301, BODY), BODY));
        assertThrows(WebhookRejectedException.class, () -> signature.verify(signature.header(T - 86_400, BODY), BODY));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "garbage", "t=1", "v1=abc", "t=,v1=", "t=abc,v1=" + "a", "t=1,t=2,v1=" + "ab",
            "t=1764410400,v1=NOTHEX", "t=1764410400,v1=ABCDEF", "t=-5,v1=00", "=x", "t=1764410400;v1=00"})
    void a_missing_or_malformed_header_is_refused(String header) {
        assertThrows(WebhookRejectedException.class, () -> signature.verify(header, BODY));
    }

    @Test
    void an_uppercase_hex_signature_is_malformed() {
        String upper = signature.header(T, BODY).replace("v1=", "V1=").toUpperCase().replace("T=", "t=").replace("V1=",
                "v1=");
        assertThrows(WebhookRejectedException.class, () -> signature.verify(upper, BODY));
    }

    @Test
    void an_empty_secret_is_a_configuration_error() {
        assertThrows(IllegalArgumentException.class, () -> new SandboxSignature(new byte[0], Clock.systemUTC()));
    }
}
