package org.example.genmat.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.example.genmat.core.crystal.Crystal;
import org.example.genmat.core.crystal.Lattice;
import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.validity.ValidityChecker;
import org.junit.jupiter.api.Test;

/** CDVAE's COV-R / COV-P with structure and composition fingerprints. */
class StructureCoverageTest {

    private static Crystal example(String name) throws IOException {
        try (InputStream in = StructureCoverageTest.class.getResourceAsStream("/org/example/genmat/core/examples/" + name + ".cif")) {
            return CifReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), name).get(0).crystal();
        }
    }

    private static Sample sample(Crystal c) {
        return new Sample(c.composition(), c, null, null, ValidityChecker.defaults().check(c));
    }

    private static MetricsEngine.Result run(List<Sample> generated, List<Sample> reference) {
        MetricsEngine.Settings s = new MetricsEngine.Settings(null, MetricsEngine.Cutoffs.forName("perov5"), 1000, 7, null, 1000, "test");
        return new MetricsEngine(s).compute(generated, List.of(), reference, () -> false);
    }

    @Test
    void sameCompositionOtherStructureIsNotCovered() throws IOException {
        Crystal rockSalt = example("NaCl");
        // NaCl in the CsCl structure: same composition fingerprint, 8-fold instead of 6-fold sodium
        Crystal csClType = new Crystal(Lattice.cubic(3.3), List.of(
            org.example.genmat.core.crystal.Site.of(org.example.genmat.core.crystal.Element.of("Na"), 0, 0, 0),
            org.example.genmat.core.crystal.Site.of(org.example.genmat.core.crystal.Element.of("Cl"), 0.5, 0.5, 0.5)), "CsCl-type NaCl");
        MetricsEngine.Result r = run(List.of(sample(csClType)), List.of(sample(rockSalt)));
        assertThat(r.value("cov_recall_composition_only")).isEqualTo(1.0);
        assertThat(r.value("cov_recall")).isEqualTo(0.0);
        assertThat(r.value("cov_precision")).isEqualTo(0.0);
        assertThat(r.value("cov_recall_structure_only")).isEqualTo(0.0);
    }

    @Test
    void failedFingerprintsStayInThePrecisionDenominator() throws IOException {
        Crystal rockSalt = example("NaCl"), fluorite = example("CaF2");
        Crystal clash = new Crystal(Lattice.cubic(4), List.of(
            org.example.genmat.core.crystal.Site.of(org.example.genmat.core.crystal.Element.of("Na"), 0, 0, 0),
            org.example.genmat.core.crystal.Site.of(org.example.genmat.core.crystal.Element.of("Cl"), 0, 0, 0)), "clash");
        MetricsEngine.Result r = run(List.of(sample(rockSalt), sample(clash)), List.of(sample(rockSalt), sample(fluorite)));
        assertThat(r.value("cov_recall")).isCloseTo(0.5, within(1e-12));
        assertThat(r.value("cov_precision")).isCloseTo(0.5, within(1e-12));
        assertThat(r.value("cov_precision_composition_only")).isCloseTo(1.0, within(1e-12));
    }

    /**
     * The structure fingerprints (thousands of milliseconds each) report their count as a stage, a chunk at a time, and
     * stop on a cancel between chunks: 5,000 Carbon-24 rows ran 18 s without a word (QA 7, D8).
     */
    @Test
    void theStructureFingerprintsReportTheirCountAndStopOnACancel() throws IOException {
        Crystal rockSalt = example("NaCl"), fluorite = example("CaF2");
        List<Sample> generated = java.util.Collections.nCopies(300, sample(rockSalt));
        List<Sample> reference = List.of(sample(rockSalt), sample(fluorite));
        MetricsEngine.Settings s = new MetricsEngine.Settings(null, MetricsEngine.Cutoffs.forName("perov5"), 1000, 7, null, 1000, "test");
        MetricsEngine.Accumulator acc = new MetricsEngine(s).start(List.of(), reference);
        generated.forEach(acc::add);
        org.example.genmat.core.job.RecordingMonitor monitor = new org.example.genmat.core.job.RecordingMonitor(r -> false);
        MetricsEngine.Result r = acc.finish(monitor);
        assertThat(r.value("cov_recall")).isCloseTo(0.5, within(1e-12));
        assertThat(monitor.reports()).contains("structure fingerprints of the reference 2/2",
            "structure fingerprints of the generated rows 300/300");
        // more than one report for the generated rows: the count moves while they are fingerprinted
        assertThat(monitor.reports().stream().filter(x -> x.startsWith("structure fingerprints of the generated rows"))).hasSizeGreaterThan(1);

        MetricsEngine.Accumulator again = new MetricsEngine(s).start(List.of(), reference);
        generated.forEach(again::add);
        org.example.genmat.core.job.RecordingMonitor cancelling = new org.example.genmat.core.job.RecordingMonitor(
            reports -> reports.stream().anyMatch(x -> x.startsWith("structure fingerprints of the generated rows")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> again.finish(cancelling))
            .isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(cancelling.reports().stream().filter(x -> x.startsWith("structure fingerprints of the generated rows")))
            .as("stopped after the first chunk").hasSize(1);
    }
}
