package org.example.genmat.core.job.filter;

import java.util.Map;

/**
 * What a filter run found.
 *
 * @param valid      rows that passed every enabled check
 * @param rejected   the other rows
 * @param unreadable rejected rows whose structure or composition could not be read (check {@code input})
 * @param perCheck   rejected rows per failed check, by check name
 * @param perReason  rejected rows per reason, reasons that name a row or a number grouped by their kind, most
 *                   frequent first
 */
public record FilterResult(long valid, long rejected, long unreadable, Map<String, Long> perCheck, Map<String, Long> perReason) {

    public long rows() {
        return valid + rejected;
    }
}
