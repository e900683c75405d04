package org.evcharging.bpp.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Holds an OCPP payload to the OCA's JSON schema of its action, version and direction, and says what is wrong in the
 * error codes of that version's RPC framework. Both ends we run, the central system and the local suite's charger
 * simulator, hold every message they receive and send to this one class, so they agree on what is valid. The 1.6 core
 * schemas name no draft and are read as draft-04; the rest
 * declare draft-06; networknt's validator knows both. Formats ({@code date-time}) are asserted: OCPP requires RFC 3339
 * times. Each schema is compiled once, on first use or by {@link #warmUp}, and kept.
 */
public final class OcppSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            b -> b.metaSchema(JsonMetaSchema.getV6()));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_PATH)
            .formatAssertionsEnabled(true)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<OcppVersion, Set<String>> ACTIONS = new EnumMap<>(OcppVersion.class);
    private static final ConcurrentHashMap<String, JsonSchema> BY_RESOURCE = new ConcurrentHashMap<>();

    static {
        for (OcppVersion v : OcppVersion.values()) {
            ACTIONS.put(v, Set.copyOf(lines(v.actionsResource())));
        }
    }

    private OcppSchemas() {
    }

    /** The actions the version has schemas for (the security extension's included for 1.6). */
    public static Set<String> actions(OcppVersion version) {
        return ACTIONS.get(version);
    }

    /** Compiles every schema of the version now, so that a charger's first message does not pay for it. */
    public static void warmUp(OcppVersion version) {
        for (String action : actions(version)) {
            schema(version, action, Direction.REQUEST);
            schema(version, action, Direction.RESPONSE);
        }
    }

    /**
     * The violations of {@code payload} against the schema of {@code action}'s request or response in
     * {@code version}, the most fundamental first (a property the PDU does not have, then missing ones, wrong types,
     * wrong values), by path within each; empty when it is valid. An action the version does not have gives one
     * {@code NotImplemented} violation at {@code $}.
     */
    public static List<Violation> validate(OcppVersion version, String action, Direction direction,
            JsonNode payload) {
        if (!actions(version).contains(action)) {
            return List.of(new Violation("$", Fault.UNKNOWN_ACTION.code(version),
                    "no schema for this action in " + version.subprotocol()));
        }
        String outOfRange = nonFinite(payload, "$");
        if (outOfRange != null) {
            return List.of(new Violation(outOfRange, Fault.PROPERTY.code(version),
                    "a number out of range (beyond a double)"));
        }
        List<Found> found = new ArrayList<>();
        try {
            Set<ValidationMessage> messages = schema(version, action, direction).validate(payload);
            for (ValidationMessage m : messages) {
                found.add(found(m));
            }
        } catch (RuntimeException e) {
            // networknt gives up on some payloads instead of reporting them (a violation about an empty property
            // name: "A JSONPath selector cannot be empty"); the payload is refused as malformed rather than the frame
            // left unanswered
            return List.of(new Violation("$", Fault.MALFORMED_PAYLOAD.code(version),
                    "the payload cannot be validated (an empty property name?)"));
        }
        found.sort(Comparator.comparing(Found::fault).thenComparing(Found::path));
        return found.stream()
                .map(f -> new Violation(f.path(), f.fault().code(version), f.description()))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * The path of the first number Jackson read as infinite or NaN ({@code 1e400}), or null: networknt turns each
     * number into a BigDecimal, which cannot hold one (found by fuzzing: the frame went unanswered).
     */
    private static String nonFinite(JsonNode node, String path) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            return path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String found = nonFinite(e.getValue(), path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nonFinite(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A schema message in version-neutral terms, for sorting before the codes are chosen. */
    private record Found(Fault fault, String path, String description) {
    }

    /**
     * networknt's error texts name the schema's values (a length, the types), never the payload's, and serve as they
     * are; a format's would carry the payload's value in its arguments, and a list of enum values or a peer's property
     * name says nothing the path does not, so those are worded here.
     */
    private static Found found(ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        return switch (m.getType()) {
            case "required" -> new Found(Fault.OCCURRENCE, property(m), "required, missing");
            case "minItems", "maxItems" -> new Found(Fault.OCCURRENCE, at, m.getError());
            case "type" -> new Found(Fault.TYPE, at, m.getError());
            case "additionalProperties" -> new Found(Fault.UNDEFINED_PROPERTY, property(m),
                    "not a property of this message");
            case "enum" -> new Found(Fault.PROPERTY, at, "not one of the values the schema allows");
            case "format" -> new Found(Fault.PROPERTY, at, "not a valid " + m.getSchemaNode().asText());
            default -> new Found(Fault.PROPERTY, at, m.getError());
        };
    }

    /** The path of the property a message is about (missing or extra), not of the object holding it. */
    private static String property(ValidationMessage m) {
        JsonNodePath at = m.getInstanceLocation();
        return (m.getProperty() == null ? at : at.append(m.getProperty())).toString();
    }

    private static JsonSchema schema(OcppVersion version, String action, Direction direction) {
        return BY_RESOURCE.computeIfAbsent(version.schemaResource(action, direction), resource -> {
            try (InputStream in = resource(resource)) {
                return FACTORY.getSchema(SchemaLocation.of("classpath:" + resource), JSON.readTree(in), CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the schema " + resource, e);
            }
        });
    }

    private static List<String> lines(String resource) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource(resource),
                StandardCharsets.UTF_8))) {
            return in.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** From this jar's class loader, not the thread's: the kit's resources travel with the kit. */
    private static InputStream resource(String resource) throws IOException {
        InputStream in = OcppSchemas.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing from the classpath: " + resource);
        }
        return in;
    }
}
