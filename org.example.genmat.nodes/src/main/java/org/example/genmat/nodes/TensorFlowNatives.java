package org.example.genmat.nodes;

import java.util.concurrent.CancellationException;

import org.example.genmat.core.tf.TfRuntime;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.node.DefaultModel.ConfigureOutput;

/**
 * What the TensorFlow nodes (training, Sample Latent) say about TensorFlow's native libraries: at configure
 * time an error where this platform has none (naming it and the supported ones) and a warning where the
 * first run will download them; at execute the boot with the download's progress in the node's status
 * line, cancellable. The other nodes never come here, so they load no TensorFlow class.
 */
public final class TensorFlowNatives {

    private TensorFlowNatives() {
    }

    /**
     * @param out the configure output (receives the download warning)
     * @throws InvalidSettingsException where TensorFlow cannot run on this platform
     */
    public static void configure(final ConfigureOutput out) throws InvalidSettingsException {
        configure(out, null);
    }

    /**
     * @param out     the configure output (receives the download warning and the node's own)
     * @param warning the node's own configure warning, or null; a node has one warning message, so setting each
     *                would replace the other: both are set together, one per line
     * @throws InvalidSettingsException where TensorFlow cannot run on this platform
     */
    public static void configure(final ConfigureOutput out, final String warning) throws InvalidSettingsException {
        final TfRuntime.NativeSource source = TfRuntime.check();
        if (!source.usable()) {
            throw new InvalidSettingsException(source.message());
        }
        final String download = source.source() == TfRuntime.Source.DOWNLOAD ? source.message() : null;
        if (download != null || warning != null) {
            out.setWarningMessage(download == null ? warning : warning == null ? download : download + "\n" + warning);
        }
    }

    /**
     * Loads TensorFlow, downloading its natives first where needed.
     *
     * @param exec progress and cancel
     * @throws CanceledExecutionException when the user cancels the download
     * @throws KNIMEException with the reason when TensorFlow cannot be loaded
     */
    public static void boot(final ExecutionMonitor exec) throws CanceledExecutionException, KNIMEException {
        try {
            TfRuntime.boot(exec::setMessage, () -> Cancellation.requested(exec));
        } catch (CancellationException e) {
            throw new CanceledExecutionException("Download of TensorFlow's native libraries cancelled");
        } catch (IllegalStateException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
    }
}
