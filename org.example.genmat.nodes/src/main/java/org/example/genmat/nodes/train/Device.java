package org.example.genmat.nodes.train;

import org.knime.node.parameters.widget.choices.Label;

/** Where training runs. */
enum Device {
    /** GPU when usable. */
    @Label(value = "Automatic", description = "The GPU when CUDA is present and usable, else the CPU.")
    AUTO,
    /** CPU. */
    @Label(value = "CPU", description = "Always the CPU.")
    CPU,
    /** GPU or fail. */
    @Label(value = "GPU", description = "The GPU; the node fails with a clear message when none is usable.")
    GPU
}
