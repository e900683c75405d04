package org.evcharging.bpp.charger.application.onboarding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A charge point as its operator registers it: its OCPP identity, the provider (catalog) it belongs to, the protocol,
 * a password (none: one is generated and shown once), whether it may take sessions now, and which catalog connector
 * each of its connectors is (1.6: {@code connectorId}; 2.0.1: {@code evseId} and {@code connectorId}).
 */
public record ChargePointSpec(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,47}", message = "letters, digits and . _ : - only, 48 at most") String id,
        @NotBlank @Size(max = 64) String providerId,
        @NotBlank @Pattern(regexp = "1\\.6J?|2\\.0\\.1", message = "1.6J or 2.0.1") String protocol,
        @Size(min = 16, max = 40, message = "16 to 40 characters") String password,
        Boolean enabled,
        @NotEmpty @Size(max = 32) List<@Valid @NotNull Connector> connectors) {

    /** One connector: where the charger numbers it, and the catalog connector (fulfillment) a BAP books. */
    public record Connector(@Min(1) @Max(100) Integer evseId, @NotNull @Min(1) @Max(100) Integer connectorId,
            @NotBlank @Size(max = 64) String catalogConnector) {
    }
}
