package org.example.genmat.core.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.RecordingMonitor;
import org.example.genmat.core.study.ElpasoliteDft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurrogateTest {

    @TempDir
    Path cache;

    static final Surrogate.Settings SMALL = new Surrogate.Settings(List.of(2.0, 6.0), List.of(1e-3), 3, 200, 0.2, 7);

    static ElpasoliteDft.Table head(int n) throws Exception {
        ElpasoliteDft.Table t = ElpasoliteDft.embedded();
        return new ElpasoliteDft.Table("head", t.rows().subList(0, n), List.of());
    }

    @Test
    void crossValidatesHoldsOutAndCachesAtomically() throws Exception {
        ElpasoliteDft.Table t = head(300);
        Surrogate.Result r = Surrogate.build(t.sites(), t.energies(), SMALL, cache, 2, JobMonitor.NONE);
        assertThat(r.fromCache()).isFalse();
        assertThat(r.cv()).hasSize(2);
        assertThat(r.sigma()).isIn(2.0, 6.0);
        assertThat(r.holdoutRows()).isEqualTo(60);
        assertThat(r.trainRows()).isEqualTo(240);
        assertThat(r.parity()).hasSize(60);
        assertThat(r.holdoutMae()).isBetween(0.01, 1.5);
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("elpasolite-surrogate-" + r.key() + ".bin");
        }
        Surrogate.Result again = Surrogate.build(t.sites(), t.energies(), SMALL, cache, 2, JobMonitor.NONE);
        assertThat(again.fromCache()).isTrue();
        assertThat(again.holdoutMae()).isEqualTo(r.holdoutMae());
        assertThat(again.parity()).isEqualTo(r.parity());
        assertThat(again.labels().energy(1, 2, 3, 4)).isEqualTo(r.labels().energy(1, 2, 3, 4));
        assertThat(again.labels().classSizes()).isEqualTo(r.labels().classSizes());
        // other settings or data: another key
        ElpasoliteDft.Table other = head(299);
        assertThat(SurrogateCache.key(other.sites(), other.energies(), "x")).isNotEqualTo(SurrogateCache.key(t.sites(), t.energies(), "x"));
        // a damaged file is ignored and rebuilt
        Files.write(SurrogateCache.file(cache, r.key()), new byte[] {1, 2, 3});
        Surrogate.Result rebuilt = Surrogate.build(t.sites(), t.energies(), SMALL, cache, 2, JobMonitor.NONE);
        assertThat(rebuilt.fromCache()).isFalse();
        assertThat(rebuilt.holdoutMae()).isEqualTo(r.holdoutMae()); // same seed, same numbers
    }

    /**
     * 300 rows of the embedded data, then a repeat of each of the first 40 (another energy) and the A↔B swap of each of the
     * next 40: row 300 + j holds the composition of row j.
     */
    static int[][] withRepeatsAndSwaps(ElpasoliteDft.Table t) {
        int[][] sites = java.util.Arrays.copyOf(t.sites(), 380);
        for (int j = 0; j < 80; j++) {
            int[] x = sites[j];
            sites[300 + j] = j < 40 ? x.clone() : new int[] {x[1], x[0], x[2], x[3]};
        }
        return sites;
    }

    /** Grouped k-fold: a composition's rows (a repeat, an A↔B swap) always share a cross-validation fold. */
    @Test
    void aCompositionsRowsShareTheirCrossValidationFold() throws Exception {
        int[][] sites = withRepeatsAndSwaps(head(300));
        Surrogate.Settings fiveFolds = new Surrogate.Settings(SMALL.sigmas(), SMALL.lambdas(), 5, 200, 0.2, 7);
        int[] fold = Surrogate.folds(sites, fiveFolds)[0];
        for (int j = 0; j < 80; j++) {
            assertThat(fold[300 + j]).as("fold of row %d and its %s", j, j < 40 ? "repeat" : "swap").isEqualTo(fold[j]);
        }
        assertThat(java.util.Arrays.stream(fold).distinct().count()).isEqualTo(5);
        // one row per composition: the folds are the plain seeded ones, so a table without repeats is fitted as before
        int[][] plain = head(300).sites();
        int[][] plainFolds = Surrogate.folds(plain, fiveFolds);
        for (int i = 0; i < 300; i++) {
            assertThat(plainFolds[0][plainFolds[1][i]]).isEqualTo(i % 5);
        }
    }

    /** Bytes changed in the middle of the label table (the file's length unchanged) are found: fitted again, told once, overwritten. */
    @Test
    void aCacheFileWithChangedLabelBytesIsRebuiltWithANotice() throws Exception {
        ElpasoliteDft.Table t = head(300);
        Surrogate.Result r = Surrogate.build(t.sites(), t.energies(), SMALL, cache, 2, JobMonitor.NONE);
        Path file = SurrogateCache.file(cache, r.key());
        byte[] bytes = Files.readAllBytes(file);
        int middle = bytes.length / 2; // the label table is ~6 MB of the file's ~6 MB
        for (int i = middle; i < middle + 4096; i++) {
            bytes[i] = (byte) 0x7f; // floats of about 3.4e38 eV/atom
        }
        Files.write(file, bytes);
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        JobMonitor recording = JobMonitor.warningsTo(warnings::add);
        Surrogate.Result rebuilt = Surrogate.build(t.sites(), t.energies(), SMALL, cache, 2, recording);
        assertThat(rebuilt.fromCache()).as("a changed label table is not read as labels").isFalse();
        String notice = "the cached surrogate " + file + " is damaged (checksum mismatch); fitting it again";
        assertThat(warnings).containsExactly(notice);
        assertThat(rebuilt.cacheNotice()).isEqualTo(notice);
        assertThat(rebuilt.labels().classSizes()).isEqualTo(r.labels().classSizes());
        Surrogate.Result again = Surrogate.build(t.sites(), t.energies(), SMALL, cache, 2, JobMonitor.NONE);
        assertThat(again.fromCache()).as("the damaged file was overwritten").isTrue();
        assertThat(again.cacheNotice()).isEmpty();
        assertThat(again.labels().classSizes()).isEqualTo(r.labels().classSizes());
    }

    /** A table too large for one dense fit is fitted on a seeded subset, says so, and repeats exactly. */
    @Test
    void moreRowsThanAFitTakesAreSubsampledWithANote() throws Exception {
        ElpasoliteDft.Table t = head(300);
        Surrogate.Settings capped = new Surrogate.Settings(SMALL.sigmas(), SMALL.lambdas(), 3, 200, 0.2, 7, 100);
        Surrogate.Result r = Surrogate.build(t.sites(), t.energies(), capped, null, 2, JobMonitor.NONE);
        assertThat(r.rows()).isEqualTo(300);
        assertThat(r.holdoutFitRows()).isEqualTo(100);
        assertThat(r.finalFitRows()).isEqualTo(100);
        assertThat(r.subsetNote()).isEqualTo("fitted on a seeded 100 of the 300 rows (the fit holds a rows × rows matrix and takes time"
            + " cubic in the rows)");
        assertThat(r.holdoutRows()).isEqualTo(60);
        assertThat(r.holdoutMae()).isBetween(0.01, 1.5);
        Surrogate.Result again = Surrogate.build(t.sites(), t.energies(), capped, null, 2, JobMonitor.NONE);
        assertThat(again.labels().energy(1, 2, 3, 4)).isEqualTo(r.labels().energy(1, 2, 3, 4));
        assertThat(again.holdoutMae()).isEqualTo(r.holdoutMae());
        Surrogate.Result all = Surrogate.build(t.sites(), t.energies(), SMALL, null, 2, JobMonitor.NONE);
        assertThat(all.subsetNote()).isEmpty();
        assertThat(all.finalFitRows()).isEqualTo(300);
        assertThat(all.labels().energy(1, 2, 3, 4)).isNotEqualTo(r.labels().energy(1, 2, 3, 4));
        assertThat(SurrogateCache.key(t.sites(), t.energies(), capped.describe()))
            .isNotEqualTo(SurrogateCache.key(t.sites(), t.energies(), SMALL.describe()));
        assertThatThrownBy(() -> new Surrogate.Settings(SMALL.sigmas(), SMALL.lambdas(), 3, 200, 0.2, 7, 50_000))
            .hasMessageContaining("between 6 and 40000");
    }

    /** KNIME runs a workflow's branches in parallel: jobs asking for the same cached surrogate at once fit it once. */
    @Test
    void jobsAskingAtOnceFitOnceAndTheOthersReadTheCache() throws Exception {
        ElpasoliteDft.Table t = head(300);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Surrogate.Result>> builds = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                builds.add(pool.submit(() -> {
                    start.await();
                    return Surrogate.build(t.sites(), t.energies(), SMALL, cache, 1, JobMonitor.NONE);
                }));
            }
            start.countDown();
            List<Surrogate.Result> results = new java.util.ArrayList<>();
            for (var b : builds) {
                results.add(b.get());
            }
            assertThat(results).filteredOn(r -> !r.fromCache()).hasSize(1);
            assertThat(results).extracting(Surrogate.Result::holdoutMae).containsOnly(results.get(0).holdoutMae());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelDuringCrossValidationStopsAndCachesNothing() throws Exception {
        ElpasoliteDft.Table t = head(300);
        RecordingMonitor cancelAfterFirstStage = new RecordingMonitor(reports -> !reports.isEmpty());
        assertThatThrownBy(() -> Surrogate.build(t.sites(), t.energies(), SMALL, cache, 2, cancelAfterFirstStage))
            .isInstanceOf(CancellationException.class);
        assertThat(cancelAfterFirstStage.reports()).first().asString().startsWith("surrogate: cross-validation 0/");
        assertThat(cancelAfterFirstStage.reports()).noneMatch(r -> r.startsWith("surrogate: final fit"));
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}
