package org.evcharging.bpp.charger.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_hash_matches_its_password_only_and_is_salted() {
        String password = "correct-horse-battery";
        String hash = Passwords.hash(password);
        assertTrue(hash.startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$"), hash);
        assertFalse(hash.contains(password));
        assertTrue(Passwords.matches(password, hash));
        assertFalse(Passwords.matches("correct-horse-batterY", hash));
        assertFalse(Passwords.matches("", hash));
        assertFalse(Passwords.matches(null, hash));
        assertNotEquals(hash, Passwords.hash(password), "a fresh salt each time");
        assertTrue(Passwords.matches(password, Passwords.hash(password)));
    }

    @Test
    void a_stored_value_that_is_not_ours_matches_nothing() {
        assertFalse(Passwords.matches("anything", null));
        assertFalse(Passwords.matches("anything", "plain-text"));
        assertFalse(Passwords.matches("anything", "md5$1$abc$def"));
    }

    @Test
    void generated_passwords_are_acceptable_and_differ() {
        String a = Passwords.generate();
        assertEquals(24, a.length());
        assertTrue(Passwords.acceptable(a));
        assertNotEquals(a, Passwords.generate());
    }

    @Test
    void acceptable_passwords_are_16_to_40_printable_ascii_characters() {
        assertTrue(Passwords.acceptable("a".repeat(16)));
        assertTrue(Passwords.acceptable("!~".repeat(20)));
        assertFalse(Passwords.acceptable("a".repeat(15)));
        assertFalse(Passwords.acceptable("a".repeat(41)));
        assertFalse(Passwords.acceptable(null));
        assertFalse(Passwords.acceptable("with a space inside"));
        assertFalse(Passwords.acceptable("sixteen-chars-\u00e9\u00e9"));
        assertFalse(Passwords.acceptable("tab\tinside-the-password"));
    }

    @Test
    void an_http_basic_header_gives_user_and_password() {
        assertArrayEquals(new String[] {"cp-1", "secret:with:colons"},
                Passwords.basic(basic("cp-1:secret:with:colons")));
        assertArrayEquals(new String[] {"cp-1", ""}, Passwords.basic(basic("cp-1:")));
        assertArrayEquals(new String[] {"cp-1", "pw"}, Passwords.basic("basic " + Base64.getEncoder()
                .encodeToString("cp-1:pw".getBytes(StandardCharsets.UTF_8))), "the scheme is case-insensitive");
    }

    @Test
    void anything_else_is_no_credentials() {
        assertNull(Passwords.basic(null));
        assertNull(Passwords.basic(""));
        assertNull(Passwords.basic("Bearer abc.def.ghi"));
        assertNull(Passwords.basic("Basic !!!not-base64!!!"));
        assertNull(Passwords.basic(basic("no-colon-here")));
        assertNull(Passwords.basic("Basic"));
    }
}
