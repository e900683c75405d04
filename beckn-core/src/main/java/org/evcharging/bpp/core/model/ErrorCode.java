package org.evcharging.bpp.core.model;

/** The BECKN-005 error codes, used the same way by every service. */
public enum ErrorCode {

    INVALID_REQUEST("30000"), PROVIDER_NOT_FOUND("30001"), PROVIDER_LOCATION_NOT_FOUND(
            "30002"), PROVIDER_CATEGORY_NOT_FOUND("30003"), ITEM_NOT_FOUND("30004"), CATEGORY_NOT_FOUND(
                    "30005"), OFFER_NOT_FOUND("30006"), ADD_ON_NOT_FOUND("30007"), FULFILLMENT_UNAVAILABLE(
                            "30008"), FULFILLMENT_PROVIDER_UNAVAILABLE("30009"), ORDER_NOT_FOUND(
                                    "30010"), INVALID_CANCELLATION_REASON("30011"), INVALID_UPDATE_TARGET(
                                            "30012"), UPDATE_INCONSISTENCY("30013"), ENTITY_TO_RATE_NOT_FOUND(
                                                    "30014"), INVALID_RATING_VALUE("30015"), BUSINESS_ERROR(
                                                            "40000"), ACTION_NOT_APPLICABLE(
                                                                    "40001"), ITEM_QUANTITY_UNAVAILABLE(
                                                                            "40002"), QUOTE_UNAVAILABLE(
                                                                                    "40003"), PAYMENT_NOT_SUPPORTED(
                                                                                            "40004"), TRACKING_NOT_SUPPORTED(
                                                                                                    "40005"), FULFILLMENT_AGENT_UNAVAILABLE(
                                                                                                            "40006"), POLICY_ERROR(
                                                                                                                    "50000"), CANCELLATION_NOT_POSSIBLE(
                                                                                                                            "50001"), UPDATION_NOT_POSSIBLE(
                                                                                                                                    "50002"), UNSUPPORTED_RATING_CATEGORY(
                                                                                                                                            "50003"), SUPPORT_UNAVAILABLE(
                                                                                                                                                    "50004");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
