package org.evcharging.bpp.suite.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The local suite's development login for the console, at {@code /dev-login/}: a minimal OpenID Connect authorization
 * server (authorization code with PKCE S256, a public client) whose page lets the developer pick who to be (the
 * operator, or a partner of a demo provider), and whose tokens are the suite's {@link DevTokens}: the very kind the
 * services verify. Local only: the page says so, it redirects only to the suite's own console, and the chart has no
 * such thing (a real identity provider signs people in there).
 */
public final class DevLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** How long a signed-in console session's token lives. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Grant(String role, String providerId, String clientId, String redirectUri, String challenge,
            Instant expires) {
    }

    private final transient Supplier<DevTokens> tokens;
    private final transient Supplier<String> consoleUrl;
    private final List<String> providers;
    private final transient Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** {@code consoleUrl}: the only redirect URI allowed (the ingress's {@code /console/}). */
    public DevLoginServlet(Supplier<DevTokens> tokens, Supplier<String> consoleUrl, List<String> providers) {
        this.tokens = tokens;
        this.consoleUrl = consoleUrl;
        this.providers = List.copyOf(providers);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if ("/authorize".equals(path)) {
            authorizePage(req, res);
        } else {
            res.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        switch (path) {
            case "/authorize" -> grant(req, res);
            case "/token" -> token(req, res);
            default -> res.sendError(404);
        }
    }

    /** The page: who to sign in as. Refuses a request that is not a PKCE S256 code request for the suite's console. */
    private void authorizePage(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String problem = check(req);
        if (problem != null) {
            page(res, 400, "<p class=problem>" + esc(problem) + "</p>");
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(
                "<p class=warn><strong>Local development only.</strong> This login exists in the local suite alone: it")
                .append(" issues tokens signed with this machine's development key (the work dir's jwt-private.pem).")
                .append(" In Kubernetes the console signs in at your identity provider.</p>");
        b.append("<form method=post action=\"authorize\">");
        for (String name : List.of("client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method")) {
            b.append("<input type=hidden name=\"").append(name).append("\" value=\"")
                    .append(esc(req.getParameter(name) == null ? "" : req.getParameter(name))).append("\">");
        }
        b.append("<p><button name=as value=operator id=as-operator>Operator</button> everything on the platform</p>");
        for (String p : providers) {
            b.append("<p><button name=as value=\"partner:").append(esc(p)).append("\" id=\"as-partner-").append(esc(p))
                    .append("\">Partner ").append(esc(p)).append("</button> only ").append(esc(p))
                    .append("'s chargers, orders, catalog and tickets</p>");
        }
        b.append("</form>");
        page(res, 200, b.toString());
    }

    private void grant(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String problem = check(req);
        String as = req.getParameter("as");
        if (problem == null && (as == null || !("operator".equals(as)
                || as.startsWith("partner:") && providers.contains(as.substring("partner:".length()))))) {
            problem = "pick the operator or a demo provider's partner";
        }
        if (problem != null) {
            page(res, 400, "<p class=problem>" + esc(problem) + "</p>");
            return;
        }
        String code = random();
        boolean operator = "operator".equals(as);
        codes.values().removeIf(g -> g.expires().isBefore(Instant.now()));
        codes.put(code, new Grant(operator ? "operator" : "partner",
                operator ? null : as.substring("partner:".length()), req.getParameter("client_id"),
                req.getParameter("redirect_uri"), req.getParameter("code_challenge"),
                Instant.now().plus(CODE_LIFETIME)));
        String state = req.getParameter("state");
        res.setStatus(303);
        res.setHeader("Location", req.getParameter("redirect_uri") + "?code=" + code
                + (state == null ? "" : "&state=" + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8)));
        res.setHeader("Cache-Control", "no-store");
    }

    /** The token endpoint: one use per code, the verifier must hash to the challenge, the redirect URI must match. */
    private void token(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String code = req.getParameter("code");
        Grant g = code == null ? null : codes.remove(code);
        String error = null;
        if (!"authorization_code".equals(req.getParameter("grant_type"))) {
            error = "unsupported_grant_type";
        } else if (g == null || g.expires().isBefore(Instant.now())) {
            error = "invalid_grant";
        } else if (!g.redirectUri().equals(req.getParameter("redirect_uri"))
                || !g.clientId().equals(req.getParameter("client_id"))) {
            error = "invalid_grant";
        } else if (!g.challenge().equals(s256(req.getParameter("code_verifier")))) {
            error = "invalid_grant";
        }
        res.setHeader("Cache-Control", "no-store");
        res.setContentType("application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        if (error != null) {
            res.setStatus(400);
            body.put("error", error);
            body.put("error_description", "invalid_grant".equals(error)
                    ? "the code is unknown, used, expired or not for this verifier and redirect URI"
                    : "only authorization_code");
        } else {
            DevTokens t = tokens.get();
            String token = "operator".equals(g.role())
                    ? t.mint("console-operator", List.of("operator"), null, TOKEN_LIFETIME)
                    : t.mint("console-partner-" + g.providerId(), List.of("partner"), g.providerId(), TOKEN_LIFETIME);
            body.put("access_token", token);
            body.put("token_type", "Bearer");
            body.put("expires_in", TOKEN_LIFETIME.toSeconds());
        }
        res.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    /** Why this is not an acceptable authorization request, or null. */
    private String check(HttpServletRequest req) {
        if (!"code".equals(req.getParameter("response_type")) && "GET".equals(req.getMethod())) {
            return "response_type must be code";
        }
        String redirect = req.getParameter("redirect_uri");
        if (redirect == null || !sameConsole(redirect)) {
            return "redirect_uri must be this suite's console (" + consoleUrl.get() + ")";
        }
        if (isBlank(req.getParameter("client_id"))) {
            return "client_id is missing";
        }
        String challenge = req.getParameter("code_challenge");
        if (!"S256".equals(req.getParameter("code_challenge_method")) || challenge == null
                || !challenge.matches("[A-Za-z0-9_-]{43}")) {
            return "PKCE is required: code_challenge (S256, 43 characters) and code_challenge_method=S256";
        }
        return null;
    }

    /** The suite's console exactly (scheme, host, port, path): the only place codes go. */
    private boolean sameConsole(String redirect) {
        try {
            URI r = URI.create(redirect);
            URI c = URI.create(consoleUrl.get());
            return c.getScheme().equals(r.getScheme()) && c.getHost().equals(r.getHost())
                    && r.getPort() == c.getPort() && c.getPath().equals(r.getPath()) && r.getQuery() == null
                    && r.getFragment() == null && r.getUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String s256(String verifier) {
        if (verifier == null || verifier.length() < 43 || verifier.length() > 128) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void page(HttpServletResponse res, int status, String body) throws IOException {
        res.setStatus(status);
        res.setContentType("text/html;charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        res.setHeader("X-Frame-Options", "DENY");
        String html = "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Development login</title><style>"
                + "body{font:15px system-ui,sans-serif;max-width:40em;margin:3em auto;color:#222}"
                + ".warn{background:#fff4ce;border:1px solid #e0b000;padding:.8em}.problem{color:#b3261e}"
                + "button{font:inherit;padding:.4em 1em;min-width:14em}</style></head><body>"
                + "<h1>EV charging BPP: development login</h1>" + body + "</body></html>";
        res.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
