package org.example.genmat.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.example.genmat.core.job.CancelRequest;

/**
 * Ctrl-C (or SIGTERM) for every command: sets {@link CancelRequest}, which the commands' {@link ConsoleMonitor}s read,
 * so their work stops at its next cancel check, its temporary outputs are deleted on the way out, and
 * {@link GenmatCli} says "cancelled" (exit 130). A command that does not end within two seconds (one that never looks,
 * or is stuck) is ended with exit 130.
 * <p>
 * SIGINT and SIGTERM are handled in the JVM (sun.misc.Signal) and do not start the JVM's shutdown, so the command's
 * own status stands: a Ctrl-C (or a scheduler's SIGTERM) that lands after the work is done and its outputs committed
 * exits 0. A command still running after the grace exits 130 (SIGINT) or 143 (SIGTERM). On a runtime without the
 * jdk.unsupported module both go through a shutdown hook, where the signal decides the status. A SIGINT the process
 * was started ignoring (a background job of a shell) stays ignored.
 */
final class CtrlC implements AutoCloseable {

    private static final long GRACE_SECONDS = 2;
    /** The status of a command ended by Ctrl-C: 128 + SIGINT, as a shell reports a process killed by it. */
    static final int CANCELLED = 130;
    /** The status of a command ended by SIGTERM: 128 + 15. */
    static final int TERMINATED = 143;

    /** The status a cancelled command exits with: that of the signal that cancelled it (Ctrl-C when none did). */
    private static volatile int cancelledStatus = CANCELLED;

    private final String command;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "genmat-ctrl-c");

    private CtrlC(String command) {
        this.command = command;
        Runtime.getRuntime().addShutdownHook(hook);
        handle("INT", () -> onSignal(CANCELLED));
        handle("TERM", () -> onSignal(TERMINATED));
    }

    /**
     * Installs the handling for one command, until {@link #close()} (the command ended and said so).
     *
     * @param command the name its messages start with ("genmat read")
     */
    static CtrlC install(String command) {
        return new CtrlC(command);
    }

    /** The exit status of a command that stopped on a cancel: 130 after SIGINT (Ctrl-C), 143 after SIGTERM. */
    static int cancelledStatus() {
        return cancelledStatus;
    }

    /** A command's monitor, cancelled by Ctrl-C. */
    static ConsoleMonitor monitor(String command) {
        return new ConsoleMonitor(command, CancelRequest::requested);
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

    /** SIGINT or SIGTERM, on a thread of its own: the command has the grace to end with its own status. */
    private void onSignal(int status) {
        cancelledStatus = status;
        CancelRequest.request();
        if (!awaitEnd()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // its grace is spent already
            } catch (IllegalStateException shuttingDown) {
                // the JVM goes down anyway
            }
            System.err.println(command + ": cancelled"); // what the command would have said
            System.exit(status); // the other hooks delete the temporary outputs
        }
    }

    /** System.exit elsewhere, or a signal without {@link #handle}: the JVM ends when this returns. */
    private void onShutdown() {
        CancelRequest.request();
        awaitEnd();
    }

    private boolean awaitEnd() {
        try {
            return ended.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code onSignal} on the signal (INT, TERM) instead of the JVM's shutdown, through sun.misc.Signal of the
     * jdk.unsupported module, looked up at run time: javac warns of every compiled use of it, and a runtime without it
     * keeps the shutdown hook.
     */
    private static void handle(String name, Runnable onSignal) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(CtrlC.class.getClassLoader(), new Class<?>[] {handlerType},
                (proxy, method, args) -> objectMethod(proxy, method, args, onSignal));
            signal.getMethod("handle", signal, handlerType).invoke(null, signal.getConstructor(String.class).newInstance(name),
                handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no jdk.unsupported (or the JVM keeps the signal to itself): the shutdown hook takes it as before
        }
    }

    /** The handler proxy: {@code handle(Signal)} runs the action; Object's methods answer as an object's would. */
    private static Object objectMethod(Object proxy, Method method, Object[] args, Runnable onSignal) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "genmat Ctrl-C";
            default -> {
                onSignal.run();
                yield null;
            }
        };
    }
}
