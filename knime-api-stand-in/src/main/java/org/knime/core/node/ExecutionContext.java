package org.knime.core.node;

import org.example.genmat.knimestandin.ProgressSink;
import org.knime.core.data.DataTableSpec;

/** Stand-in for KNIME's execution context: a monitor that can also create tables (held in memory). */
public class ExecutionContext extends ExecutionMonitor {

    /**
     * Stand-in only (KNIME's constructor takes the node and its data repository).
     *
     * @param sink where progress goes and where cancel comes from
     */
    public ExecutionContext(final ProgressSink sink) {
        super(sink);
    }

    private ExecutionContext(final ProgressSink sink, final double offset, final double scale, final boolean silent) {
        super(sink, offset, scale, silent);
    }

    /**
     * @param spec the table spec
     * @return a container to fill and close
     */
    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    /**
     * @param spec the table spec
     * @param initDomain whether to initialise the domain from the spec (ignored here)
     * @return a container to fill and close
     */
    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain) {
        return new BufferedDataContainer(spec);
    }

    /**
     * @param maxProg share of this context's progress range
     * @return a sub context
     */
    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(sink(), offset() + scale() * progress(), scale() * maxProg, silent());
    }

    /**
     * @param maxProg share of this context's progress range
     * @return a sub context whose messages are not shown
     */
    public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
        return new ExecutionContext(sink(), offset() + scale() * progress(), scale() * maxProg, true);
    }
}
