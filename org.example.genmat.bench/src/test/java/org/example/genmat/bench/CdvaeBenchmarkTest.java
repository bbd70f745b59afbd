package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.train.ModelFamily;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small Perov-5 run of the CDVAE benchmark writes the files users recompute from. */
class CdvaeBenchmarkTest {

    @Test
    void smallPerov5RunWritesResultsAndSamples(@TempDir Path out) throws Exception {
        Path data = null;
        for (Path p : new Path[] {Path.of("..", "..", "shared", "data"), Path.of("..", "shared", "data")}) {
            if (Files.isRegularFile(p.resolve("perov_5/val.csv"))) {
                data = p;
            }
        }
        Assumptions.assumeTrue(data != null, "../shared/data/perov_5 absent: skipped");
        CdvaeBenchmark.Settings s = new CdvaeBenchmark.Settings(CdvaeBenchmark.Dataset.PEROV5, data, List.of(ModelFamily.VAE), 300,
            Map.of(ModelFamily.VAE, 200), 1, 0, 100, 50, 20);
        List<CdvaeBenchmark.Row> rows = CdvaeBenchmark.run(s, out, line -> { }, () -> false);
        assertThat(rows).extracting(CdvaeBenchmark.Row::metric).containsAll(CdvaeBenchmark.METRICS);
        assertThat(rows).filteredOn(r -> r.model().equals("vae") && r.metric().equals("structural_validity"))
            .singleElement().satisfies(r -> assertThat(r.value()).isBetween(0.0, 1.0));
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        assertThat(results.get(0)).isEqualTo("dataset,model,metric,value");
        assertThat(results).anyMatch(l -> l.startsWith("perov5,cdvae-published,cov_r,0.9945"));
        String samples = Files.readString(out.resolve("samples-vae.csv"));
        assertThat(samples).startsWith("source,formula,composition,a,b,c,alpha,beta,gamma");
        assertThat(samples.split("data_", -1)).hasSizeGreaterThan(250); // one P1 CIF per generated crystal
        assertThat(Files.readAllLines(out.resolve("property-conditioning.csv"))).hasSizeBetween(2, 1 + 2 * 50).first().asString().startsWith("target,");
    }
}
