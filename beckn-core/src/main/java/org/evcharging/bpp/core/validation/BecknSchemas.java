package org.evcharging.bpp.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates messages against the official Beckn core 1.1.0 {@code transaction.yaml} (OpenAPI 3.0 dialect,
 * formats asserted), one compiled schema per action, with networknt's json-schema-validator.
 * Validation is strict: the workflow document's known deviations are normalised away first by
 * {@link WorkflowLeniency}, never tolerated here.
 */
public final class BecknSchemas {

    /** Every action a BAP may call on a BPP, and every callback a BPP may send. */
    public static final Set<String> BPP_ACTIONS = Set.of("search", "select", "init", "confirm", "update", "status",
            "track", "cancel", "rating", "support");
    public static final Set<String> CALLBACK_ACTIONS = Set.of("on_search", "on_select", "on_init", "on_confirm",
            "on_update", "on_status", "on_track", "on_cancel", "on_rating", "on_support");

    private static final String DOCUMENT = "classpath:beckn/transaction.yaml";
    private static final BecknSchemas SHARED = new BecknSchemas();

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final ConcurrentHashMap<String, JsonSchema> byAction = new ConcurrentHashMap<>();

    private BecknSchemas() {
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                b -> b.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
        config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .build();
    }

    public static BecknSchemas shared() {
        return SHARED;
    }

    /**
     * Compiles now the schemas of the actions a service answers and of their callbacks ({@code on_<action>}), so that
     * the first request does not pay for them. Only those: each compiled action holds its own copy of the shared
     * definitions (about 2 MB of heap per action), and a service that answers two actions has no use for twenty.
     * Any other action is compiled when first asked for.
     */
    public BecknSchemas warmUp(Collection<String> actions) {
        for (String a : actions) {
            if (BPP_ACTIONS.contains(a)) {
                schema(a);
                schema("on_" + a);
            }
        }
        return this;
    }

    /** The violations of {@code body} against the request schema of {@code POST /<action>}; empty when valid. */
    public List<SchemaViolation> validateStrict(String action, JsonNode body) {
        if (!BPP_ACTIONS.contains(action) && !CALLBACK_ACTIONS.contains(action)) {
            return List.of(new SchemaViolation("$.context.action", "unknown Beckn action '" + action + "'"));
        }
        Set<ValidationMessage> messages = schema(action).validate(body);
        List<SchemaViolation> out = new ArrayList<>(messages.size());
        for (ValidationMessage m : messages) {
            out.add(new SchemaViolation(m.getInstanceLocation().toString(), m.getMessage()));
        }
        out.sort(Comparator.comparing(SchemaViolation::path));
        return out;
    }

    /**
     * Does the schema of {@code action} require {@code message} at the top (core 1.1.0's {@code on_rating} does, even
     * beside an {@code error})?
     */
    public boolean requiresMessage(String action) {
        for (com.fasterxml.jackson.databind.JsonNode r : schema(action).getSchemaNode().path("required")) {
            if ("message".equals(r.asText())) {
                return true;
            }
        }
        return false;
    }

    private JsonSchema schema(String action) {
        return byAction.computeIfAbsent(action, a -> factory.getSchema(
                SchemaLocation.of(DOCUMENT + "#/paths/~1" + a + "/post/requestBody/content/application~1json/schema"),
                config));
    }
}
