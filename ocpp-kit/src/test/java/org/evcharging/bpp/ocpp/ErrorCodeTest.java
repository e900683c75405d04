package org.evcharging.bpp.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    private static Set<String> names(ErrorCode[] codes) {
        return Arrays.stream(codes).map(ErrorCode::name).collect(Collectors.toSet());
    }

    @Test
    void ocpp16HasExactlyTheTenCodesOfOcppJ16() {
        assertEquals(Set.of("NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError",
                "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation",
                "TypeConstraintViolation", "GenericError"), names(ErrorCode.V16.values()));
    }

    @Test
    void ocpp201HasExactlyTheTwelveCodesOfPart4() {
        assertEquals(Set.of("FormatViolation", "GenericError", "InternalError", "MessageTypeNotSupported",
                "NotImplemented", "NotSupported", "OccurrenceConstraintViolation", "PropertyConstraintViolation",
                "ProtocolError", "RpcFrameworkError", "SecurityError", "TypeConstraintViolation"),
                names(ErrorCode.V201.values()));
    }

    @Test
    void everyFaultHasACodeOfItsOwnVersion() {
        for (Fault f : Fault.values()) {
            assertEquals(ErrorCode.V16.class, f.code(OcppVersion.OCPP_1_6).getClass(), f.name());
            assertEquals(ErrorCode.V201.class, f.code(OcppVersion.OCPP_2_0_1).getClass(), f.name());
        }
    }
}
