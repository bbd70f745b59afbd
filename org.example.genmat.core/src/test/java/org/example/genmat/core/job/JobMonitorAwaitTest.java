package org.example.genmat.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** Work that cannot look for a cancel itself (a factorisation) is awaited, so that a cancel still stops a job at once. */
class JobMonitorAwaitTest {

    @Test
    void aCancelStopsTheWaitWhileTheWorkGoesOn() {
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        JobMonitor monitor = JobMonitor.cancelledWhen(cancel::get);
        Thread canceller = new Thread(() -> {
            sleep(200);
            cancel.set(true);
        });
        canceller.start();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> monitor.await(() -> {
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // busy, deaf to interrupts, as a matrix factorisation is
            }
            finished.set(true);
            return 1;
        })).isInstanceOf(CancellationException.class);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).as("stopped soon after the cancel at 0.2 s, not after the 5 s of work").isLessThan(2.0);
        assertThat(finished).isFalse();
    }

    @Test
    void theResultAndTheWorksOwnExceptionComeBack() {
        assertThat(JobMonitor.NONE.await(() -> 6 * 7)).isEqualTo(42);
        assertThatThrownBy(() -> JobMonitor.NONE.await(() -> {
            throw new IllegalArgumentException("the Gram matrix is not positive definite");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("the Gram matrix is not positive definite");
    }

    /** A face learns that silent work still runs: about once a second while it lasts, never when it is quick. */
    @Test
    void longSilentWorkIsSignalledAboutOnceASecond() {
        java.util.concurrent.atomic.AtomicInteger signs = new java.util.concurrent.atomic.AtomicInteger();
        JobMonitor monitor = new JobMonitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void stillWorking() {
                signs.incrementAndGet();
            }
        };
        assertThat(monitor.await(() -> 1)).isEqualTo(1);
        assertThat(signs).hasValue(0);
        assertThat(monitor.await(() -> {
            sleep(2_300);
            return 2;
        })).isEqualTo(2);
        assertThat(signs.get()).isBetween(1, 3);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
