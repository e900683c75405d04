package org.evcharging.bpp.suite.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns one valid JSON document (a Beckn request, an OCPP payload) into a hostile one, deterministically: the same
 * seed and request number give the same mutations. One to four mutations land anywhere in the tree (the Beckn
 * context is picked more often than its share): a value nulled, of the wrong JSON type, a huge string (some over the
 * body limit), a huge array, nesting deeper than a parser allows, odd Unicode (lone surrogates written as escapes,
 * zero-width and bidi controls, NUL, emoji, combining marks, invalid UTF-8), numbers no Java type holds, a field
 * removed, a key given twice, an unknown field, odd strings; sometimes the body itself is broken. What a tree cannot
 * say (a duplicate key, {@code 1e400}, {@code "\ud800"}, nesting 100 000 deep) is written into the text after
 * serialisation, in place of a marker.
 */
public final class Mutator {

    /** What was done to a request: the kind and where, for the report and to reproduce it. */
    public enum Kind {
        NULL_VALUE, WRONG_TYPE, HUGE_STRING, OVER_LIMIT, HUGE_ARRAY, DEEP_NESTING, ODD_UNICODE, NUMBER_RANGE, MISSING_FIELD, DUPLICATE_KEY, EXTRA_FIELD, ODD_STRING, BROKEN_BODY
    }

    /** The mutated document as bytes to send, and what was done to it. */
    public record Mutant(byte[] body, List<String> mutations) {

        public String describe() {
            return String.join("; ", mutations);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String MARK = "@@fz";
    private static final byte[] BAD_UTF8_MARK = "@@fzbadutf8@@".getBytes(StandardCharsets.US_ASCII);

    private static final int[] WEIGHTS = {10, 12, 6, 2, 6, 6, 12, 10, 12, 8, 8, 10, 3};
    private static final String[] UNICODE = {"\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d", "\\u0000",
            "\\u200b", "\\u200d", "\\u202e", "\\u2066", "\\ufeff", "\\uffff", "\\ufffe", "\\u0085", "\\u2028",
            "\\u00ad", "\\u0007", "\uD83D\uDD0C\uD83D\uDE97", "\uD83D\uDC69\u200D\uD83D\uDD27",
            "\u0928\u092E\u0938\u094D\u0924\u0947",
            "\u0645\u0631\u062D\u0628\u0627", "\u1100\u1161\u11A8", "\uFDFD", "\u0130\u0131", "\\u000a\\u000d"};
    private static final String[] NUMBERS = {"1e400", "-1e400", "1e-400", "-1", "0", "-0", "0.0", "9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "2147483648", "-2147483649",
            "123456789012345678901234567890123456789", "1.7976931348623157e309", "4.9e-325", "1e99999999999",
            "0.000000000000000000000000000001", "3.14159265358979323846264338327950288", "\"NaN\"", "\"Infinity\"",
            "\"-Infinity\"", "\"1e400\"", "\"-1\"", "\"0x1F\"", "\"١٢٣\"", "\"4,5\"", "\" 4\"", "NaN", "Infinity",
            "-", "01", "1.", ".5", "+1"};
    private static final String[] ODD_STRINGS = {"", " ", "\t", "null", "true", "0", "-1", "../../../../etc/passwd",
            "<script>alert(1)</script>", "' OR '1'='1", "\"; DROP TABLE orders; --", "${jndi:ldap://127.0.0.1/a}",
            "#{7*7}", "%s%s%s%n", "%00", "\r\nX-Injected: 1", "http://169.254.169.254/latest/meta-data/",
            "file:///etc/passwd", "2024-02-30T25:61:61Z", "9999-12-31T23:59:59Z", "0000-00-00T00:00:00Z",
            "1970-01-01T00:00:00Z", "P99999999Y", "PT-1S", "-P1D", "PT0S", "P", "ACK", "NACK", "🔌", "chargezone.in ",
            "CHARGEZONE.IN", "00000000-0000-0000-0000-000000000000", "*", "?", "\\", "/", "%2e%2e%2f", "{}", "[]"};
    private static final String[] FIELD_NAMES = {"x-fuzz", "__proto__", "constructor", "$ref", "", " ", "@type",
            "ключ", "😀", "a.b", "a/b", "context", "message", "ack", "error", "id"};

    private final long seed;

    public Mutator(long seed) {
        this.seed = seed;
    }

    /** Request {@code n} of {@code stream} (an action's name): deterministic from the seed, the stream and n. */
    public Mutant mutate(JsonNode valid, String stream, long n, List<String> favouredPrefixes) {
        Random r = new Random(seed * 1_000_003L + stream.hashCode() * 7_919L + n);
        return new Run(r, valid.deepCopy(), favouredPrefixes).mutate();
    }

    /** A place in the tree: a parent's field or element, with its JSON pointer. */
    private record Slot(ContainerNode<?> parent, String field, int index, String path) {

        JsonNode value() {
            return parent instanceof ObjectNode o ? o.get(field) : ((ArrayNode) parent).get(index);
        }

        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    /** One mutation run over one copy. */
    private static final class Run {

        private final Random r;
        private final JsonNode tree;
        private final List<String> favoured;
        private final Map<String, String> raw = new LinkedHashMap<>();
        private final List<String> done = new ArrayList<>();
        private boolean badUtf8;
        private String brokenBody;

        Run(Random r, JsonNode tree, List<String> favoured) {
            this.r = r;
            this.tree = tree;
            this.favoured = favoured;
        }

        Mutant mutate() {
            int count = r.nextInt(4) == 0 ? 2 + r.nextInt(3) : 1;
            for (int i = 0; i < count; i++) {
                Kind k = pick();
                if (k == Kind.BROKEN_BODY) {
                    broken();
                    break;
                }
                apply(k);
            }
            String text = brokenBody != null ? brokenBody : tree.toString();
            for (Map.Entry<String, String> e : raw.entrySet()) {
                text = text.replace("\"" + e.getKey() + "\"", e.getValue());
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (badUtf8) {
                bytes = replaceBytes(bytes, BAD_UTF8_MARK, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED,
                        (byte) 0xA0, (byte) 0x80});
            }
            return new Mutant(bytes, List.copyOf(done));
        }

        private Kind pick() {
            int total = Arrays.stream(WEIGHTS).sum();
            int x = r.nextInt(total);
            for (Kind k : Kind.values()) {
                x -= WEIGHTS[k.ordinal()];
                if (x < 0) {
                    return k;
                }
            }
            return Kind.NULL_VALUE;
        }

        private void apply(Kind k) {
            switch (k) {
                case NULL_VALUE -> at(k, pickSlot(false), s -> s.set(F.nullNode()));
                case WRONG_TYPE -> at(k, pickSlot(false), s -> s.set(otherType(s.value())));
                case HUGE_STRING -> at(k, pickSlot(false), s -> s.set(F.textNode(huge(
                        new int[] {1_000, 10_000, 100_000, 250_000}[r.nextInt(4)]))));
                case OVER_LIMIT -> at(k, pickSlot(false), s -> s.set(F.textNode(huge(262_144 + r.nextInt(200_000)))));
                case HUGE_ARRAY -> at(k, pickSlot(false), s -> s.set(hugeArray(s.value())));
                case DEEP_NESTING -> at(k, pickSlot(false), s -> s.set(rawNode(deep())));
                case ODD_UNICODE -> at(k, pickSlot(true), s -> s.set(oddUnicode(s.value())));
                case NUMBER_RANGE -> at(k, pickNumberSlot(), s -> s.set(rawNode(NUMBERS[r.nextInt(NUMBERS.length)])));
                case MISSING_FIELD -> at(k, pickSlot(false), Slot::remove);
                case DUPLICATE_KEY -> duplicateKey();
                case EXTRA_FIELD -> extraField();
                case ODD_STRING -> at(k, pickSlot(true), s -> s.set(F.textNode(ODD_STRINGS[r.nextInt(
                        ODD_STRINGS.length)])));
                default -> throw new IllegalStateException(k.name());
            }
        }

        private void at(Kind k, Slot s, java.util.function.Consumer<Slot> change) {
            if (s == null) {
                return;
            }
            change.accept(s);
            done.add(k + " at " + s.path());
        }

        /** Every slot of the tree; a favoured subtree (the Beckn context) a third of the time. */
        private Slot pickSlot(boolean textFirst) {
            List<Slot> all = new ArrayList<>();
            collect(tree, "", all);
            if (all.isEmpty()) {
                return null;
            }
            List<Slot> pool = all;
            if (!favoured.isEmpty() && r.nextInt(3) == 0) {
                String prefix = favoured.get(r.nextInt(favoured.size()));
                List<Slot> in = all.stream().filter(s -> s.path().startsWith(prefix)).toList();
                pool = in.isEmpty() ? all : in;
            }
            if (textFirst && r.nextInt(4) != 0) {
                List<Slot> texts = pool.stream().filter(s -> s.value() != null && s.value().isTextual()).toList();
                pool = texts.isEmpty() ? pool : texts;
            }
            return pool.get(r.nextInt(pool.size()));
        }

        /** Numbers and numeric-looking strings first (a quantity, a radius, a rating's value), else anywhere. */
        private Slot pickNumberSlot() {
            List<Slot> all = new ArrayList<>();
            collect(tree, "", all);
            List<Slot> numeric = all.stream().filter(s -> s.value() != null && (s.value().isNumber()
                    || s.value().isTextual() && s.value().asText().matches("-?[0-9.]+"))).toList();
            if (!numeric.isEmpty() && r.nextInt(5) != 0) {
                return numeric.get(r.nextInt(numeric.size()));
            }
            return pickSlot(false);
        }

        private static void collect(JsonNode node, String path, List<Slot> out) {
            if (node instanceof ObjectNode o) {
                Iterator<Map.Entry<String, JsonNode>> it = o.fields();
                List<String> names = new ArrayList<>();
                it.forEachRemaining(e -> names.add(e.getKey()));
                for (String name : names) {
                    String p = path + "/" + name;
                    out.add(new Slot(o, name, -1, p));
                    collect(o.get(name), p, out);
                }
            } else if (node instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    String p = path + "/" + i;
                    out.add(new Slot(a, null, i, p));
                    collect(a.get(i), p, out);
                }
            }
        }

        private List<ObjectNode> objects() {
            List<ObjectNode> out = new ArrayList<>();
            if (tree instanceof ObjectNode o) {
                out.add(o);
            }
            List<Slot> all = new ArrayList<>();
            collect(tree, "", all);
            for (Slot s : all) {
                if (s.value() instanceof ObjectNode o) {
                    out.add(o);
                }
            }
            return out;
        }

        private JsonNode otherType(JsonNode current) {
            List<JsonNode> options = new ArrayList<>(List.of(F.numberNode(42), F.booleanNode(true),
                    F.textNode("fuzz"), F.arrayNode(), F.objectNode(), F.numberNode(1.5), F.arrayNode().add("fuzz"),
                    F.objectNode().put("fuzz", 1)));
            options.removeIf(o -> current != null && o.getNodeType() == current.getNodeType());
            return options.get(r.nextInt(options.size()));
        }

        private String huge(int length) {
            StringBuilder b = new StringBuilder(length);
            switch (r.nextInt(3)) {
                case 0 -> b.append("A".repeat(length));
                case 1 -> {
                    for (int i = 0; i < length; i++) {
                        b.append((char) ('a' + r.nextInt(26)));
                    }
                }
                default -> {
                    String unit = "\u00e9\u20ac\uD83D\uDD0C"; // two-, three- and four-byte UTF-8
                    while (b.length() < length) {
                        b.append(unit);
                    }
                    b.setLength(length - (Character.isHighSurrogate(b.charAt(length - 1)) ? 1 : 0));
                }
            }
            return b.toString();
        }

        private JsonNode hugeArray(JsonNode current) {
            int n = new int[] {100, 1_000, 10_000, 50_000}[r.nextInt(4)];
            ArrayNode a = F.arrayNode();
            // copies of a value only when small and plain: 50 000 copies of a marker later replaced by 500 KB of
            // nesting would be 25 GB (a full run ran out of heap on one)
            String text = current == null ? "" : current.toString();
            boolean copy = current != null && text.length() < 200 && !text.contains(MARK) && r.nextBoolean();
            for (int i = 0; i < n; i++) {
                a.add(copy ? current.deepCopy() : F.numberNode(i));
            }
            return a;
        }

        private String deep() {
            int depth = new int[] {64, 500, 999, 1_000, 1_001, 2_000, 10_000, 100_000}[r.nextInt(8)];
            if (r.nextBoolean()) {
                return "[".repeat(depth) + "]".repeat(depth);
            }
            return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        }

        private JsonNode oddUnicode(JsonNode current) {
            if (r.nextInt(12) == 0) {
                badUtf8 = true;
                return F.textNode("@@fzbadutf8@@");
            }
            StringBuilder fragment = new StringBuilder();
            int parts = 1 + r.nextInt(3);
            for (int i = 0; i < parts; i++) {
                fragment.append(UNICODE[r.nextInt(UNICODE.length)]);
            }
            if (r.nextInt(6) == 0) {
                fragment.append("e").append("\u0301".repeat(1 + r.nextInt(500))); // combining marks
            }
            String base = current != null && current.isTextual() ? current.asText() : "";
            String escapedBase;
            try {
                String quoted = JSON.writeValueAsString(base);
                escapedBase = quoted.substring(1, quoted.length() - 1);
            } catch (JsonProcessingException e) {
                escapedBase = "";
            }
            String literal = switch (r.nextInt(3)) {
                case 0 -> fragment.toString();
                case 1 -> escapedBase + fragment;
                default -> fragment + escapedBase;
            };
            return rawNode("\"" + literal + "\"");
        }

        private void duplicateKey() {
            List<ObjectNode> candidates = objects().stream().filter(o -> o.size() > 0).toList();
            if (candidates.isEmpty()) {
                return;
            }
            ObjectNode o = candidates.get(r.nextInt(candidates.size()));
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(r.nextInt(names.size()));
            String marker = MARK + "dup" + raw.size() + "@@";
            JsonNode original = o.get(name);
            JsonNode second = switch (r.nextInt(4)) {
                case 0 -> original.deepCopy();
                case 1 -> F.nullNode();
                case 2 -> F.textNode("fuzz");
                default -> otherType(original);
            };
            o.set(marker, second);
            try {
                raw.put(marker, JSON.writeValueAsString(name));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            done.add(Kind.DUPLICATE_KEY + " '" + name + "'");
        }

        private void extraField() {
            List<ObjectNode> candidates = objects();
            if (candidates.isEmpty()) {
                return;
            }
            ObjectNode o = candidates.get(r.nextInt(candidates.size()));
            String name = r.nextInt(8) == 0 ? "k".repeat(5_000) : FIELD_NAMES[r.nextInt(FIELD_NAMES.length)];
            if (o.has(name)) {
                name = name + "-fuzz";
            }
            o.set(name, otherType(null));
            done.add(Kind.EXTRA_FIELD + " '" + (name.length() > 20 ? name.substring(0, 20) + "..." : name) + "'");
        }

        private JsonNode rawNode(String rawJson) {
            String marker = MARK + "raw" + raw.size() + "@@";
            raw.put(marker, rawJson);
            return F.textNode(marker);
        }

        private void broken() {
            String body = tree.toString();
            String[] forms = {"", "null", "[]", "{}", "[" + body + "]", body.substring(0, r.nextInt(body.length())),
                    body + "garbage", body + body, "{", "\"a string\"", "123", "\uFEFF" + body, "a=b&c=d",
                    "<?xml version=\"1.0\"?><a/>", body.replace(':', '=')};
            int i = r.nextInt(forms.length);
            brokenBody = forms[i];
            done.add(Kind.BROKEN_BODY + " #" + i);
        }
    }

    private static byte[] replaceBytes(byte[] in, byte[] what, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            if (i <= in.length - what.length && Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                out.write(with, 0, with.length);
                i += what.length;
            } else {
                out.write(in[i++]);
            }
        }
        return out.toByteArray();
    }
}
