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
 * SIGINT is handled in the JVM (sun.misc.Signal) and does not start the JVM's shutdown, so the command's own status
 * stands: a Ctrl-C that lands after the work is done and its outputs committed exits 0. SIGTERM, and SIGINT on a
 * runtime without the jdk.unsupported module, go through a shutdown hook as before, where the signal decides the
 * status (130 or 143). A SIGINT the process was started ignoring (a background job of a shell) stays ignored.
 */
final class CtrlC implements AutoCloseable {

    private static final long GRACE_SECONDS = 2;
    /** The status of a command ended by Ctrl-C: 128 + SIGINT, as a shell reports a process killed by it. */
    static final int CANCELLED = 130;

    private final String command;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "genmat-ctrl-c");

    private CtrlC(String command) {
        this.command = command;
        Runtime.getRuntime().addShutdownHook(hook);
        handleInterrupt(this::onInterrupt);
    }

    /**
     * Installs the handling for one command, until {@link #close()} (the command ended and said so).
     *
     * @param command the name its messages start with ("genmat read")
     */
    static CtrlC install(String command) {
        return new CtrlC(command);
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

    /** SIGINT, on a thread of its own: the command has the grace to end with its own status. */
    private void onInterrupt() {
        CancelRequest.request();
        if (!awaitEnd()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // its grace is spent already
            } catch (IllegalStateException shuttingDown) {
                // the JVM goes down anyway
            }
            System.err.println(command + ": cancelled"); // what the command would have said
            System.exit(CANCELLED); // the other hooks delete the temporary outputs
        }
    }

    /** SIGTERM, System.exit elsewhere, or SIGINT without {@link #handleInterrupt}: the JVM ends when this returns. */
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
     * Runs {@code onInterrupt} on SIGINT instead of the JVM's shutdown, through sun.misc.Signal of the jdk.unsupported
     * module, looked up at run time: javac warns of every compiled use of it, and a runtime without it keeps the
     * shutdown hook.
     */
    private static void handleInterrupt(Runnable onInterrupt) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(CtrlC.class.getClassLoader(), new Class<?>[] {handlerType},
                (proxy, method, args) -> objectMethod(proxy, method, args, onInterrupt));
            signal.getMethod("handle", signal, handlerType).invoke(null, signal.getConstructor(String.class).newInstance("INT"),
                handler);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no jdk.unsupported (or the JVM keeps SIGINT to itself): the shutdown hook takes Ctrl-C as before
        }
    }

    /** The handler proxy: {@code handle(Signal)} runs the action; Object's methods answer as an object's would. */
    private static Object objectMethod(Object proxy, Method method, Object[] args, Runnable onInterrupt) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "genmat Ctrl-C";
            default -> {
                onInterrupt.run();
                yield null;
            }
        };
    }
}
