package org.evcharging.bpp.suite.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.evcharging.bpp.suite.ingress.Ingress;
import org.evcharging.bpp.suite.ingress.ServiceState;
import org.evcharging.bpp.suite.registry.LocalRegistry;
import org.evcharging.bpp.suite.routes.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development login over real HTTP on the ingress: the code goes only to the suite's console, PKCE is required and
 * checked, a code is good once, and the token is the suite's own kind (issuer, roles, provider).
 */
class DevLoginServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERIFIER = "a-verifier-of-forty-three-characters-or-more-0123456789";

    @TempDir
    Path dir;

    private Ingress ingress;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        DevTokens tokens = DevTokens.ensure(dir);
        String[] console = new String[1];
        ingress = Ingress.start(0, new RouteTable(Map.of(), List.of()), key -> ServiceState.NOT_DEPLOYED,
                new LocalRegistry(dir.resolve("registry.json")),
                new DevLoginServlet(() -> tokens, () -> console[0], List.of("chargezone.in", "log9.in")));
        console[0] = ingress.url() + "/console/";
    }

    @AfterEach
    void stop() {
        ingress.close();
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private Map<String, String> request(String redirect) throws Exception {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", "ev-charging-bpp-console");
        q.put("redirect_uri", redirect);
        q.put("state", "s1");
        q.put("code_challenge", challenge(VERIFIER));
        q.put("code_challenge_method", "S256");
        return q;
    }

    private static String form(Map<String, String> m) {
        return m.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(ingress.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in as {@code as}; the code from the redirect to the console. */
    private String code(String as) throws Exception {
        Map<String, String> grant = request(ingress.url() + "/console/");
        grant.put("as", as);
        HttpResponse<String> r = post("/dev-login/authorize", grant);
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(ingress.url() + "/console/?code="), location);
        assertTrue(location.endsWith("&state=s1"), location);
        return location.replaceAll(".*code=([^&]+).*", "$1");
    }

    private HttpResponse<String> token(String code, String verifier) throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", ingress.url() + "/console/");
        body.put("client_id", "ev-charging-bpp-console");
        body.put("code_verifier", verifier);
        return post("/dev-login/token", body);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void the_page_says_local_only_and_offers_the_operator_and_each_demo_partner() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(ingress.url()
                + "/dev-login/authorize?" + form(request(ingress.url() + "/console/")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Local development only."), page.body());
        assertTrue(page.body().contains("id=as-operator") && page.body().contains("id=\"as-partner-log9.in\""),
                page.body());
    }

    @Test
    void a_partner_s_code_gives_a_partner_token_for_its_provider_once() throws Exception {
        String code = code("partner:log9.in");
        HttpResponse<String> r = token(code, VERIFIER);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode claims = claims(JSON.readTree(r.body()).path("access_token").asText());
        assertEquals(DevTokens.ISSUER, claims.path("iss").asText());
        assertEquals("partner", claims.path("groups").get(0).asText());
        assertEquals("log9.in", claims.path("provider_id").asText());
        assertEquals(400, token(code, VERIFIER).statusCode(), "a code is good once");
    }

    @Test
    void a_wrong_verifier_or_another_redirect_gets_nothing() throws Exception {
        HttpResponse<String> wrong = token(code("operator"), VERIFIER.replace('a', 'b'));
        assertEquals(400, wrong.statusCode());
        assertEquals("invalid_grant", JSON.readTree(wrong.body()).path("error").asText());

        Map<String, String> elsewhere = request("https://evil.example/console/");
        elsewhere.put("as", "operator");
        HttpResponse<String> r = post("/dev-login/authorize", elsewhere);
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty());
        assertTrue(r.body().contains("redirect_uri must be this suite&#39;s console"), r.body());

        Map<String, String> otherOrigin = request(ingress.url().replace("localhost", "127.0.0.1") + "/console/");
        otherOrigin.put("as", "operator");
        assertEquals(400, post("/dev-login/authorize", otherOrigin).statusCode(), "the console's origin exactly");

        Map<String, String> plain = request(ingress.url() + "/console/");
        plain.put("code_challenge_method", "plain");
        plain.put("as", "operator");
        assertEquals(400, post("/dev-login/authorize", plain).statusCode(), "PKCE S256 only");

        Map<String, String> stranger = request(ingress.url() + "/console/");
        stranger.put("as", "partner:someone-else.in");
        assertEquals(400, post("/dev-login/authorize", stranger).statusCode(), "only demo providers");
    }
}
