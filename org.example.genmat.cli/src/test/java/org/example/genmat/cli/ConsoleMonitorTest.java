package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The commands' printer off a terminal (as under a scheduler or in a test): short logs, every warning, Ctrl-C. */
class ConsoleMonitorTest {

    private static List<String> printed(AtomicBoolean cancel, java.util.function.Consumer<ConsoleMonitor> work) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.accept(new ConsoleMonitor("demo", cancel::get));
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aStageIsOneLinePerTenthAndWarningsAreAlwaysPrinted() {
        List<String> lines = printed(new AtomicBoolean(), m -> {
            for (int step = 1; step <= 200; step++) {
                m.progress("training VAE", step, 200);
            }
            m.progress(0.5, "a bare fraction within 5 s of the start"); // throttled
            m.warning("row 3 skipped");
            m.warning("row 4 skipped");
        });
        assertThat(lines).hasSize(13);
        assertThat(lines.get(0)).startsWith("training VAE: 1/200 (1%, ");
        assertThat(lines.get(1)).startsWith("training VAE: 20/200 (10%, ");
        assertThat(lines.get(10)).startsWith("training VAE: 200/200 (100%, ");
        assertThat(lines.subList(11, 13)).containsExactly("demo: row 3 skipped", "demo: row 4 skipped");
    }

    @Test
    void cancelledByTheCtrlCFlag() {
        AtomicBoolean ctrlC = new AtomicBoolean();
        ConsoleMonitor m = new ConsoleMonitor("demo", ctrlC::get);
        assertThat(m.cancelled()).isFalse();
        m.checkCancelled();
        ctrlC.set(true);
        assertThat(m.cancelled()).isTrue();
        assertThatThrownBy(m::checkCancelled).isInstanceOf(CancellationException.class);
    }
}
