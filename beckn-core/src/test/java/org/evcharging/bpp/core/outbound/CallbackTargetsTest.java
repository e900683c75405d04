package org.evcharging.bpp.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.evcharging.bpp.core.outbound.CallbackTargets.Policy;
import org.junit.jupiter.api.Test;

class CallbackTargetsTest {

    private static final String REGISTERED = "https://bap.example.com/beckn";

    @Test
    void theRegisteredUrlAndPathsUnderItAreTaken() {
        assertEquals(Optional.empty(), CallbackTargets.refusal(REGISTERED, REGISTERED, Policy.REGISTERED));
        assertEquals(Optional.empty(), CallbackTargets.refusal(REGISTERED + "/", REGISTERED, Policy.REGISTERED));
        assertEquals(Optional.empty(),
                CallbackTargets.refusal("HTTPS://BAP.example.com:443/beckn", REGISTERED, Policy.REGISTERED));
        assertEquals(Optional.empty(),
                CallbackTargets.refusal(REGISTERED + "/app-2", REGISTERED, Policy.UNDER_REGISTERED));
        assertEquals(Optional.of("bap_uri is not the url registered for the signing key"),
                CallbackTargets.refusal(REGISTERED + "/app-2", REGISTERED, Policy.REGISTERED));
    }

    @Test
    void anotherHostPortSchemeOrSiblingPathIsRefused() {
        for (String asked : new String[] {
                "http://127.0.0.1:9083/orders/v1/admin/orders/x",
                "https://bap.example.com.evil.net/beckn",
                "https://bap.example.com:8443/beckn",
                "http://bap.example.com/beckn",
                "https://bap.example.com/becknx",
                "https://bap.example.com/",
                "https://other.example.com/beckn"}) {
            assertTrue(CallbackTargets.refusal(asked, REGISTERED, Policy.UNDER_REGISTERED).isPresent(), asked);
        }
    }

    @Test
    void queryFragmentUserInfoAndDotSegmentsAreRefusedEvenUnderTheRegisteredUrl() {
        assertEquals(Optional.of("bap_uri may carry no user info, query or fragment"),
                CallbackTargets.refusal(REGISTERED + "?x=", REGISTERED, Policy.UNDER_REGISTERED));
        assertTrue(CallbackTargets.refusal(REGISTERED + "#", REGISTERED, Policy.UNDER_REGISTERED).isPresent());
        assertTrue(CallbackTargets.refusal("https://me@bap.example.com/beckn", REGISTERED, Policy.UNDER_REGISTERED)
                .isPresent());
        assertEquals(Optional.of("bap_uri may have no . or .. in its path"),
                CallbackTargets.refusal(REGISTERED + "/../admin", REGISTERED, Policy.UNDER_REGISTERED));
        assertTrue(
                CallbackTargets.refusal(REGISTERED + "/%2e%2e/admin", REGISTERED, Policy.UNDER_REGISTERED).isPresent(),
                "an encoded .. is a .. too");
        assertTrue(CallbackTargets.refusal("ftp://bap.example.com/beckn", REGISTERED, Policy.UNDER_REGISTERED)
                .isPresent());
        assertEquals(Optional.of("the registry has no url for the key that signed this request"),
                CallbackTargets.refusal(REGISTERED, null, Policy.UNDER_REGISTERED));
    }

    @Test
    void theCallbackAddressIsBuiltFromItsParts() {
        assertEquals("https://bap.example.com/beckn/on_search",
                CallbackTargets.callbackUri(REGISTERED + "/", "on_search").toString());
        assertEquals("http://localhost:8090/on_status",
                CallbackTargets.callbackUri("http://localhost:8090", "on_status").toString());
        assertEquals("https://bap.example.com/a%3Fb/on_init",
                CallbackTargets.callbackUri("https://bap.example.com/a%3Fb", "on_init").toString(),
                "an encoded ? stays in the path");
        assertThrows(IllegalArgumentException.class, () -> CallbackTargets.callbackUri(REGISTERED, "../admin"));
        assertThrows(IllegalArgumentException.class,
                () -> CallbackTargets.callbackUri(REGISTERED + "?x=/", "on_search"));
    }

    @Test
    void onlyPublicAddressesAreCalled() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fd00::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1", "2001:db8::1", "192.0.2.1", "198.18.0.1"}) {
            assertFalse(CallbackTargets.isPublic(InetAddress.getByName(internal)), internal);
        }
        for (String external : new String[] {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"}) {
            assertTrue(CallbackTargets.isPublic(InetAddress.getByName(external)), external);
        }
    }

    @Test
    void thePolicyIsNamedInConfig() {
        assertEquals(Policy.REGISTERED, Policy.of("registered"));
        assertEquals(Policy.UNDER_REGISTERED, Policy.of(" Under-Registered "));
        assertThrows(IllegalArgumentException.class, () -> Policy.of("any"));
    }
}
