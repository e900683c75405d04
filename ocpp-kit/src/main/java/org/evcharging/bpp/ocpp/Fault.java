package org.evcharging.bpp.ocpp;

import org.evcharging.bpp.ocpp.ErrorCode.V16;
import org.evcharging.bpp.ocpp.ErrorCode.V201;

/**
 * What the kit finds wrong with a message, and the error code each version's RPC framework names for it. The two
 * lists of codes are not one list spelt twice: 2.0.1 splits 1.6's {@code FormationViolation} into
 * {@code FormatViolation}, {@code ProtocolError}, {@code RpcFrameworkError} and {@code MessageTypeNotSupported}, and
 * narrows 1.6's {@code ProtocolError} ("payload incomplete") to the PDU structure. This table is the one place where
 * the definitions are read.
 */
enum Fault {

    /** Not an OCPP-J message: not JSON, not an array, a message type or id that cannot be read, too many elements. */
    NOT_RPC(V16.FormationViolation, V201.RpcFrameworkError),
    /** An array shorter than its message type: 1.6's "payload incomplete". */
    INCOMPLETE(V16.ProtocolError, V201.RpcFrameworkError),
    /** A message type id other than 2, 3 and 4. */
    UNKNOWN_MESSAGE_TYPE(V16.FormationViolation, V201.MessageTypeNotSupported),
    /** A payload that is not a JSON object, or has a key twice: syntactically incorrect. */
    MALFORMED_PAYLOAD(V16.FormationViolation, V201.FormatViolation),
    /** An action with no schema in the version. */
    UNKNOWN_ACTION(V16.NotImplemented, V201.NotImplemented),
    /** A property the schema does not define where it allows no others: not the PDU structure. */
    UNDEFINED_PROPERTY(V16.FormationViolation, V201.ProtocolError),
    /** A required property missing, or an array with fewer or more items than allowed. */
    OCCURRENCE(V16.OccurenceConstraintViolation, V201.OccurrenceConstraintViolation),
    /** A value of the wrong JSON type ({@code "connectorId": "1"}). */
    TYPE(V16.TypeConstraintViolation, V201.TypeConstraintViolation),
    /** A value of the right type the schema refuses: not in the enum, too long, not a date-time, below a minimum. */
    PROPERTY(V16.PropertyConstraintViolation, V201.PropertyConstraintViolation);

    private final V16 v16;
    private final V201 v201;

    Fault(V16 v16, V201 v201) {
        this.v16 = v16;
        this.v201 = v201;
    }

    ErrorCode code(OcppVersion version) {
        return version == OcppVersion.OCPP_1_6 ? v16 : v201;
    }
}
