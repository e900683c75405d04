package org.evcharging.bpp.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code helm lint --strict}: the chart is clean for the default, busy-region and external-database values, and a
 * typo in anyone's values fails with a message naming the key (values.schema.json).
 */
class ChartLintTest {

    private static void assertClean(LintResult result) {
        assertFalse(result.isFailed(), () -> "lint failed: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> "lint warnings: " + result.getMessages());
    }

    @Test
    void theDefaultValuesLintCleanly() {
        assertClean(Chart.lint());
    }

    @Test
    void theBusyRegionValuesLintCleanly() {
        assertClean(Chart.lint(Chart.BUSY_REGION));
    }

    @Test
    void theExternalDatabaseExampleLintsCleanly() {
        assertClean(Chart.lint(Chart.EXTERNAL_DATABASE));
    }

    @Test
    void aTypoInAServiceBlockFailsLintNamingTheKey() {
        Path typo = Chart.writeTemp("typo", """
                services:
                  catalog:
                    replicas: 4
                """);
        LintResult result = Chart.lint(typo);
        assertTrue(result.isFailed(), "a values typo must fail lint");
        String messages = String.join("\n", result.getMessages());
        assertTrue(messages.contains("replicas") && messages.contains("services/catalog"), messages);
        assertTrue(messages.toLowerCase().contains("additional propert"), messages);
    }

    @Test
    void aTypoAtTheTopFailsLintAndTemplateNamingTheKey() {
        Path typo = Chart.writeTemp("typo", """
                externalDatabse:
                  host: db.example.com
                """);
        LintResult result = Chart.lint(typo);
        assertTrue(result.isFailed(), "a values typo must fail lint");
        assertTrue(String.join("\n", result.getMessages()).contains("externalDatabse"),
                result.getMessages().toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.template(List.of(typo), Map.of()));
        assertTrue(e.getMessage().contains("externalDatabse"), e.getMessage());
    }

    @Test
    void aWrongTypeFailsLint() {
        Path wrong = Chart.writeTemp("wrong", """
                services:
                  order:
                    autoscaling:
                      maxReplicas: twelve
                """);
        LintResult result = Chart.lint(wrong);
        assertTrue(result.isFailed());
        assertTrue(String.join("\n", result.getMessages()).contains("maxReplicas"), result.getMessages().toString());
    }
}
