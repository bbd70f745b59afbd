package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {

    @TempDir
    Path dir;

    @Test
    void elpasoliteSitesClassesTagsAndCurve() throws Exception {
        Path gen = dir.resolve("gen.csv"), train = dir.resolve("train.csv"), ref = dir.resolve("ref.csv");
        Files.writeString(gen, "A,B,C,D\nNa,Bi,Cs,Cl\nBi,Na,Cs,Cl\nK,Bi,Cs,Cl\nNa,Na,Cs,Cl\nLi,Bi,Cs,F\n");
        Files.writeString(train, "formula\nCs2KBiCl6\n");
        Files.writeString(ref, "A,B,C,D,cls\nNa,Bi,Cs,Cl,1\nK,Bi,Cs,Cl,1\nRb,Bi,Cs,Cl,1\nLi,Bi,Cs,F,2\n");
        Path out = dir.resolve("m.csv"), tags = dir.resolve("t.csv"), curve = dir.resolve("c.csv");
        int rc = GenmatCli.commandLine().execute("metrics", "--generated", gen.toString(), "--training", train.toString(),
            "--reference", ref.toString(), "--class-column", "cls", "--target-class", "1", "--prototype", "elpasolite",
            "--out", out.toString(), "--tags", tags.toString(), "--curve", curve.toString(), "--curve-every", "2");
        assertThat(rc).isEqualTo(0);
        List<String> m = Files.readAllLines(out);
        assertThat(m.get(0)).isEqualTo("metric,value,n,definition");
        // 4 valid of 5 (Na on two sites is invalid); NaBiCs2Cl6 twice (A<->B swap) → 3 unique of 4
        assertThat(m).anyMatch(l -> l.startsWith("validity_composition,0.800000,5,"))
            .anyMatch(l -> l.startsWith("uniqueness,0.750000,4,"))
            .anyMatch(l -> l.startsWith("precision_right_class,0.750000,4,"))
            .anyMatch(l -> l.startsWith("precision_neighbouring_classes,0.250000,4,"))
            .anyMatch(l -> l.startsWith("coverage_right_class,0.666667,3,"))
            .anyMatch(l -> l.startsWith("js_distance_site_A,"));
        assertThat(Files.readAllLines(tags)).containsExactly("index,formula,valid,tag", "1,BiCl6Cs2Na,true,novel",
            "2,BiCl6Cs2Na,true,repetition", "3,BiCl6Cs2K,true,rediscovery", "4,,false,invalid", "5,BiCs2F6Li,true,novel");
        assertThat(Files.readAllLines(curve)).containsExactly("samples_drawn,valid_samples,unique,novel,rediscovered",
            "2,2,1,1,0", "4,3,2,1,1", "5,4,3,2,1");
    }
}
