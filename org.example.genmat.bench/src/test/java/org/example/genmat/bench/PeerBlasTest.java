package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The PyTorch peer of {@code bench train} on Debian's reference BLAS runs tens of times slower than PyTorch normally
 * does (an audit measured 4.4 VAE steps/s against 126, ratio 17.6× instead of 1.45×): the bench names that library.
 */
class PeerBlasTest {

    @Test
    void debiansReferenceBlasIsToldFromOptimisedOnes() {
        assertThat(BenchTrainCommand.isReferenceBlas("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3")).isTrue();
        assertThat(BenchTrainCommand.isReferenceBlas("/usr/lib/aarch64-linux-gnu/blas/libblas.so.3")).isTrue();
        assertThat(BenchTrainCommand.isReferenceBlas("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3")).isFalse();
        assertThat(BenchTrainCommand.isReferenceBlas("/usr/lib/x86_64-linux-gnu/libmkl_rt.so")).isFalse();
        assertThat(BenchTrainCommand.isReferenceBlas("")).isFalse();
    }
}
