package org.evcharging.bpp.ocpp;

/**
 * The error codes a CALLERROR may carry, one exact list per version: OCPP-J 1.6 section 4.2.3 and OCPP 2.0.1 Part 4
 * section 4.3. The constants are spelt as on the wire, not in Java's usual capitals, because the spelling is the
 * protocol: 1.6 writes {@code FormationViolation} and {@code OccurenceConstraintViolation}, 2.0.1
 * {@code FormatViolation} and {@code OccurrenceConstraintViolation}, and a charger compares the text.
 */
public sealed interface ErrorCode permits ErrorCode.V16, ErrorCode.V201 {

    /** The code as written in a CALLERROR. */
    String name();

    /** OCPP-J 1.6, section 4.2.3. */
    enum V16 implements ErrorCode {
        /** Requested Action is not known by receiver. */
        NotImplemented,
        /** Requested Action is recognized but not supported by the receiver. */
        NotSupported,
        /** An internal error occurred and the receiver was not able to process the requested Action successfully. */
        InternalError,
        /** Payload for Action is incomplete. */
        ProtocolError,
        /** During the processing of Action a security issue occurred preventing receiver from completing it. */
        SecurityError,
        /** Payload for Action is syntactically incorrect or not conform the PDU structure for Action. */
        FormationViolation,
        /** Payload is syntactically correct but at least one field contains an invalid value. */
        PropertyConstraintViolation,
        /** Payload is syntactically correct but at least one of the fields violates occurence constraints. */
        OccurenceConstraintViolation,
        /** Payload is syntactically correct but at least one of the fields violates data type constraints. */
        TypeConstraintViolation,
        /** Any other error not covered by the previous ones. */
        GenericError
    }

    /** OCPP 2.0.1 Part 4, section 4.3. */
    enum V201 implements ErrorCode {
        /** Payload for Action is syntactically incorrect. */
        FormatViolation,
        /** Any other error not covered by the more specific error codes. */
        GenericError,
        /** An internal error occurred and the receiver was not able to process the requested Action successfully. */
        InternalError,
        /** A message with a Message Type Id received that is not supported by this implementation. */
        MessageTypeNotSupported,
        /** Requested Action is not known by receiver. */
        NotImplemented,
        /** Requested Action is recognized but not supported by the receiver. */
        NotSupported,
        /** Payload is syntactically correct but at least one of the fields violates occurrence constraints. */
        OccurrenceConstraintViolation,
        /** Payload is syntactically correct but at least one field contains an invalid value. */
        PropertyConstraintViolation,
        /** Payload for Action is not conform the PDU structure. */
        ProtocolError,
        /** Content of the call is not a valid RPC Request, for example: MessageId could not be read. */
        RpcFrameworkError,
        /** During the processing of Action a security issue occurred preventing receiver from completing it. */
        SecurityError,
        /** Payload is syntactically correct but at least one of the fields violates data type constraints. */
        TypeConstraintViolation
    }
}
