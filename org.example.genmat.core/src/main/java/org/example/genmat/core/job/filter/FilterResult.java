package org.example.genmat.core.job.filter;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a filter run found.
 *
 * @param valid      rows that passed every enabled check
 * @param rejected   the other rows
 * @param unreadable rejected rows whose structure or composition could not be read (check {@code input})
 * @param perCheck   rejected rows per failed check, by check name
 * @param perReason  rejected rows per reason, reasons that name a row or a number grouped by their kind, most
 *                   frequent first
 * @param firstRejected   key of the first rejected row (KNIME row ID, CSV row), null when none
 * @param firstUnreadable key of the first unreadable row, null when none
 */
public record FilterResult(long valid, long rejected, long unreadable, Map<String, Long> perCheck, Map<String, Long> perReason,
                           String firstRejected, String firstUnreadable) {

    public long rows() {
        return valid + rejected;
    }

    /** The {@code n} most frequent failed checks with their counts, e.g. {@code "charge-balance 80, input 3"}. */
    public String topChecks(int n) {
        return perCheck.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
            + (perCheck.size() > n ? ", ..." : "");
    }

    /** The most frequent reason (reasons naming a row or a number grouped by their kind), null when none was rejected. */
    public String topReason() {
        return perReason.isEmpty() ? null : perReason.keySet().iterator().next();
    }
}
