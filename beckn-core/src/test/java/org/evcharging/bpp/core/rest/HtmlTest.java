package org.evcharging.bpp.core.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HtmlTest {

    private static final String OURS = "https://bpp.example.com";

    @Test
    void aFormFromOurOwnPageOrFromNoBrowserIsTaken() {
        assertFalse(Html.crossSite("https://bpp.example.com", "same-origin", OURS));
        assertFalse(Html.crossSite("HTTPS://BPP.example.com:443", null, OURS));
        assertFalse(Html.crossSite(null, null, OURS), "curl or a script: no Origin, no Sec-Fetch-Site");
        assertFalse(Html.crossSite(null, "none", OURS), "typed in the address bar");
        assertFalse(Html.crossSite("http://localhost:8080", null, "http://localhost:8080/"));
        assertFalse(Html.crossSite("null", "same-origin", OURS),
                "our pages send no referrer, so Chrome's Origin on their own forms is null");
    }

    @Test
    void aFormFromAnotherSiteIsRefused() {
        assertTrue(Html.crossSite("https://evil.example", null, OURS));
        assertTrue(Html.crossSite("https://bpp.example.com.evil.example", null, OURS));
        assertTrue(Html.crossSite("http://bpp.example.com", null, OURS), "another scheme is another origin");
        assertTrue(Html.crossSite("https://bpp.example.com:8443", null, OURS));
        assertTrue(Html.crossSite("null", null, OURS), "an opaque origin from a browser that does not say more");
        assertTrue(Html.crossSite(null, "cross-site", OURS));
        assertTrue(Html.crossSite(null, "same-site", OURS), "a sibling subdomain is not this page");
        assertTrue(Html.crossSite("https://bpp.example.com", "cross-site", OURS));
    }
}
