package org.example.genmat.core.job;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The command line's Ctrl-C: one per process, hence one flag. The command line sets it (its {@code CtrlC}) and the
 * monitors of its commands read it, the benchmarks' too, which the command line loads at run time, so that they see
 * the engine's classes only. The KNIME nodes cancel through their execution monitors and never set it.
 */
public final class CancelRequest {

    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private CancelRequest() {
    }

    /** Records the request; there is no taking it back (the process ends after its command). */
    public static void request() {
        REQUESTED.set(true);
    }

    /** Whether Ctrl-C (or SIGTERM) came during this process's command. */
    public static boolean requested() {
        return REQUESTED.get();
    }

    /**
     * Throws {@link CancellationException} when Ctrl-C came: for work without a monitor (writing a report) and before a
     * command commits its outputs, when the Ctrl-C came after the work's last cancel check.
     */
    public static void checkNotRequested() {
        if (REQUESTED.get()) {
            throw new CancellationException("cancelled");
        }
    }
}
