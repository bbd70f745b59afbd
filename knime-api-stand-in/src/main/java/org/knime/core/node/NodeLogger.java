package org.knime.core.node;

import java.util.function.Supplier;

/** Stand-in for KNIME's logger: writes through {@link System.Logger}. */
public final class NodeLogger {

    private final System.Logger m_logger;

    private NodeLogger(final String name) {
        m_logger = System.getLogger(name);
    }

    /**
     * @param c the class that logs
     * @return a logger
     */
    public static NodeLogger getLogger(final Class<?> c) {
        return new NodeLogger(c.getName());
    }

    /** @param o message */
    public void debug(final Object o) {
        m_logger.log(System.Logger.Level.DEBUG, String.valueOf(o));
    }

    /** @param o message */
    public void info(final Object o) {
        m_logger.log(System.Logger.Level.INFO, String.valueOf(o));
    }

    /** @param o message */
    public void warn(final Object o) {
        m_logger.log(System.Logger.Level.WARNING, String.valueOf(o));
    }

    /**
     * @param o message
     * @param t cause
     */
    public void warn(final Object o, final Throwable t) {
        m_logger.log(System.Logger.Level.WARNING, String.valueOf(o), t);
    }

    /** @param o message */
    public void error(final Object o) {
        m_logger.log(System.Logger.Level.ERROR, String.valueOf(o));
    }

    /**
     * @param o message
     * @param t cause
     */
    public void error(final Object o, final Throwable t) {
        m_logger.log(System.Logger.Level.ERROR, String.valueOf(o), t);
    }

    /** @param s message supplier */
    public void debug(final Supplier<Object> s) {
        m_logger.log(System.Logger.Level.DEBUG, () -> String.valueOf(s.get()));
    }
}
