package org.example.genmat.cli;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (or SIGTERM) for every command. The JVM runs shutdown hooks instead of unwinding the command, so the hook
 * sets the flag the commands' {@link ConsoleMonitor}s read and waits up to two seconds for the command to end: its work
 * stops at its next cancel check, its temporary outputs are deleted on the way out, and {@link GenmatCli} says
 * "cancelled". Ctrl-C is one per process, hence one flag.
 */
final class CtrlC implements AutoCloseable {

    private static final long GRACE_SECONDS = 2;
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();

    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "genmat-ctrl-c");

    private CtrlC() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the hook for one command, until {@link #close()} (the command ended and said so). */
    static CtrlC install() {
        return new CtrlC();
    }

    /** A command's monitor, cancelled by Ctrl-C. */
    static ConsoleMonitor monitor(String command) {
        return new ConsoleMonitor(command, REQUESTED);
    }

    /** Whether Ctrl-C (or SIGTERM) came during this process's command. */
    static boolean requested() {
        return REQUESTED.get();
    }

    /** Throws if Ctrl-C came after the work's last cancel check, before the command commits its outputs. */
    static void checkNotRequested() {
        if (REQUESTED.get()) {
            throw new CancellationException("cancelled");
        }
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns as soon as it sees the countdown above
        }
    }

    private void onSignal() {
        REQUESTED.set(true);
        try {
            ended.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
