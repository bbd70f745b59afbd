package org.example.genmat.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test monitor for work that reports stages: records every report as "stage done/total" and is cancelled once
 * {@code cancelWhen} holds for the reports so far. A bare fraction fails the test.
 */
public final class RecordingMonitor implements JobMonitor {

    private final List<String> reports = new ArrayList<>();
    private final Predicate<List<String>> cancelWhen;

    public RecordingMonitor(Predicate<List<String>> cancelWhen) {
        this.cancelWhen = cancelWhen;
    }

    /** The reports so far, oldest first. */
    public synchronized List<String> reports() {
        return List.copyOf(reports);
    }

    @Override
    public void progress(double fraction, String message) {
        throw new AssertionError("expected a staged report, got the bare fraction " + fraction + ": " + message);
    }

    @Override
    public synchronized void progress(String stage, long done, long total) {
        reports.add(stage + " " + done + "/" + total);
    }

    @Override
    public synchronized boolean cancelled() {
        return cancelWhen.test(reports);
    }
}
