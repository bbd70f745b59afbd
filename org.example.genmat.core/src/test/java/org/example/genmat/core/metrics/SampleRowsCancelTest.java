package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.example.genmat.core.validity.ValidityChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows are checked a batch (4,096 rows) ahead of the sink: a cancel must reach the checking, not wait for the batch. */
class SampleRowsCancelTest {

    @TempDir
    Path dir;

    @Test
    void aCancelStopsTheBatchBeingChecked() throws Exception {
        StringBuilder csv = new StringBuilder("formula\n");
        for (int i = 0; i < 4096; i++) {
            csv.append("AlBBeBrCaClCoFeGaGeHKLiMgMnMoNbOPRbSScSe\n"); // milliseconds each: seconds for the batch
        }
        Path in = Files.writeString(dir.resolve("many.csv"), csv);
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger seen = new AtomicInteger();
        SampleRows rows = new SampleRows(ValidityChecker.defaults(), null);
        // timed from the cancel, not from the start: reading the table and starting the pool are not the cancel's delay,
        // and on a loaded machine they took most of a second
        java.util.concurrent.atomic.AtomicLong cancelledAt = new java.util.concurrent.atomic.AtomicLong();
        assertThatThrownBy(() -> rows.forEach(List.of(in), null, r -> seen.incrementAndGet(), w -> { },
            SampleRows.Malformed.SKIP, () -> {
                boolean cancel = asked.incrementAndGet() > 5;
                if (cancel) {
                    cancelledAt.compareAndSet(0, System.nanoTime());
                }
                return cancel;
            })).isInstanceOf(CancellationException.class);
        assertThat((System.nanoTime() - cancelledAt.get()) / 1_000_000).isLessThan(1000);
        assertThat(seen).hasValue(0);
        assertThat(asked).hasValue(6);
    }
}
