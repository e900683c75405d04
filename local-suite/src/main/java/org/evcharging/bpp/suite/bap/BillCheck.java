package org.evcharging.bpp.suite.bap;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Does what the BPP said add up? The lines to the price, the price and the refund to what was paid; for a
 * cancellation, what stays paid and the refund to what was paid. The commands print a bill with its problems and fail
 * when there are any.
 */
final class BillCheck {

    private BillCheck() {
    }

    static boolean addsUp(SessionFlow.Bill bill) {
        return problems(bill).isEmpty();
    }

    /** What does not add up, one sentence each; empty when the bill is right. */
    static List<String> problems(SessionFlow.Bill bill) {
        List<String> problems = new ArrayList<>();
        BigDecimal price = bill.price();
        BigDecimal refund = bill.refundAmount();
        BigDecimal prepaid = bill.settled("prepaid");
        if (price == null) {
            problems.add("no price");
            return problems;
        }
        BigDecimal told = bill.settled("refund");
        if (told != null && refund != null && told.compareTo(refund) != 0) {
            problems.add("the refund line says " + plain(refund) + ", the settlement " + plain(told));
        }
        if ("CANCELLED".equals(bill.status())) {
            if (refund == null || price.compareTo(refund.negate()) != 0) {
                problems.add("the price " + plain(price) + " is not minus the refund " + plain(refund));
            }
            if (!bill.lines().isEmpty()) {
                problems.add("lines besides the refund: " + bill.lines());
            }
            BigDecimal kept = sum(bill.settled("final-amount"), bill.settled("cancellation-fee"));
            if (prepaid != null && refund != null && prepaid.compareTo(kept.add(refund)) != 0) {
                problems.add("delivered " + plain(bill.settled("final-amount")) + " + fee "
                        + plain(bill.settled("cancellation-fee"))
                        + " + refund " + plain(refund) + " is not the " + plain(prepaid) + " paid");
            }
        } else {
            if (bill.linesTotal().compareTo(price) != 0) {
                problems.add("the lines add up to " + bill.linesTotal().toPlainString() + ", the final amount is "
                        + plain(price));
            }
            if (prepaid != null && refund != null && prepaid.compareTo(price.add(refund)) != 0) {
                problems.add("final " + plain(price) + " + refund " + plain(refund) + " is not the " + plain(prepaid)
                        + " paid");
            }
        }
        return problems;
    }

    private static BigDecimal sum(BigDecimal... amounts) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal a : amounts) {
            total = a == null ? total : total.add(a);
        }
        return total;
    }

    private static String plain(BigDecimal d) {
        return Printer.plain(d);
    }
}
