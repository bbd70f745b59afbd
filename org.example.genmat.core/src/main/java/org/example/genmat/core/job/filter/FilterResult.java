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
 * @param perReason  rejected rows per kind of reason, most frequent first (at most the job's number of kinds; a kind
 *                   is the reason with its numbers set aside, shown with the numbers that differ within it as "…")
 * @param moreReasons kinds of reason not in {@code perReason}
 * @param firstRejected   key of the first rejected row (KNIME row ID, CSV row), null when none
 * @param firstUnreadable key of the first unreadable row, null when none
 */
public record FilterResult(long valid, long rejected, long unreadable, Map<String, Long> perCheck, Map<String, Long> perReason,
                           int moreReasons, String firstRejected, String firstUnreadable) {

    public long rows() {
        return valid + rejected;
    }

    /** The {@code n} most frequent failed checks with their counts, e.g. {@code "charge-balance 80, input 3"}. */
    public String topChecks(int n) {
        return perCheck.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
            + (perCheck.size() > n ? ", ..." : "");
    }

    /** Rejected rows whose kind of reason is not in {@link #perReason} ({@link #moreReasons} kinds). */
    public long moreReasonRows() {
        return rejected - perReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The most frequent reason (reasons naming a row or a number grouped by their kind), null when none was rejected. */
    public String topReason() {
        return perReason.isEmpty() ? null : perReason.keySet().iterator().next();
    }
}
