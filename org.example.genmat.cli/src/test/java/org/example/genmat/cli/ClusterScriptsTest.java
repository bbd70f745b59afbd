package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The scheduler scripts of {@code docs/cluster} (no Slurm or Kubernetes here): each shell script parses
 * ({@code bash -n}); a task turns the index its scheduler sets into {@code --shard k/K}; the merge refuses an
 * incomplete set of shards and hands the shard glob to filter and metrics; the Slurm script submits an array of K
 * tasks and a merge that waits for all of them; the Kubernetes manifest is an Indexed Job of K completions whose
 * K agrees everywhere. {@code genmat} and {@code sbatch} are played by scripts that record their arguments.
 */
class ClusterScriptsTest {

    static final Path CLUSTER = Path.of(System.getProperty("genmat.repo.dir", "..")).resolve("docs/cluster");

    @TempDir
    Path dir;

    @BeforeAll
    static void bashAndScripts() {
        Assumptions.assumeTrue(Files.isDirectory(CLUSTER), "docs/cluster not found from " + Path.of("").toAbsolutePath());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
    }

    record Run(int rc, String out) {
    }

    private static Run bash(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/bash"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        for (String k : List.of("SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "GENMAT", "STUDY", "MODEL", "TRAINING",
            "N", "K", "SEED", "PROTOTYPE")) {
            pb.environment().remove(k);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** An executable that appends its arguments, one per line and then a "--" line, to {@code log}. */
    private static Path recorder(Path file, Path log, String extra) throws IOException {
        Files.writeString(file, "#!/bin/bash\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + log + "'; done\n"
            + "echo -- >> '" + log + "'\n" + extra);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A stand-in for genmat that records its arguments and writes a line into the file after --out. */
    private Path fakeGenmat(Path log) throws IOException {
        return recorder(dir.resolve("genmat"), log,
            "while [[ $# -gt 0 ]]; do if [[ $1 == --out ]]; then echo sample > \"$2\"; fi; shift; done\n");
    }

    @Test
    void everyScriptParses() throws Exception {
        try (Stream<Path> s = Files.list(CLUSTER)) {
            List<Path> scripts = s.filter(f -> f.toString().endsWith(".sh")).sorted().toList();
            assertThat(scripts).extracting(f -> f.getFileName().toString())
                .contains("shard-task.sh", "merge.sh", "slurm-study.sh", "simulate-array.sh");
            for (Path f : scripts) {
                Run r = bash(dir, Map.of(), "-n", f.toAbsolutePath().toString());
                assertThat(r.rc()).as(f + ": " + r.out()).isZero();
                assertThat(Files.isExecutable(f)).as(f + " is executable (the k8s manifest runs it directly)").isTrue();
            }
        }
    }

    @Test
    void aTaskTurnsTheSchedulersIndexIntoItsShard() throws Exception {
        Path log = dir.resolve("genmat.log");
        Path genmat = fakeGenmat(log);
        Path study = dir.resolve("study");
        String task = CLUSTER.resolve("shard-task.sh").toAbsolutePath().toString();
        Map<String, String> common = Map.of("GENMAT", genmat.toString(), "STUDY", study.toString(), "MODEL", "m.genmat",
            "N", "1000000", "K", "5", "SEED", "7");

        Map<String, String> slurm = new java.util.HashMap<>(common);
        slurm.put("SLURM_ARRAY_TASK_ID", "2");
        assertThat(bash(dir, slurm, task).rc()).isZero();
        Map<String, String> k8s = new java.util.HashMap<>(common);
        k8s.put("JOB_COMPLETION_INDEX", "4");
        assertThat(bash(dir, k8s, task).rc()).isZero();

        String calls = Files.readString(log);
        assertThat(calls).contains("sample\n--model\nm.genmat\n--n\n1000000\n--seed\n7\n--shard\n2/5\n",
            "--shard\n4/5\n");
        try (Stream<Path> s = Files.list(study.resolve("shards"))) {
            assertThat(s.map(f -> f.getFileName().toString()).sorted())
                .as("complete shards renamed into place, no partial file left").containsExactly("samples-2.csv", "samples-4.csv");
        }

        Run none = bash(dir, common, task);
        assertThat(none.rc()).isNotZero();
        assertThat(none.out()).contains("no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX");
    }

    @Test
    void theMergeRefusesMissingShardsAndReadsThemAllThroughOneGlob() throws Exception {
        Path log = dir.resolve("genmat.log");
        Path genmat = fakeGenmat(log);
        Path shards = Files.createDirectories(dir.resolve("study/shards"));
        Files.writeString(shards.resolve("samples-0.csv"), "x\n");
        Files.writeString(shards.resolve("samples-1.csv"), "x\n");
        String merge = CLUSTER.resolve("merge.sh").toAbsolutePath().toString();
        Map<String, String> env = Map.of("GENMAT", genmat.toString(), "STUDY", dir.resolve("study").toString(),
            "TRAINING", "train.csv", "K", "3", "PROTOTYPE", "elpasolite");

        Run incomplete = bash(dir, env, merge);
        assertThat(incomplete.rc()).isEqualTo(1);
        assertThat(incomplete.out()).contains("2 of 3 shards");
        assertThat(log).doesNotExist();

        Files.writeString(shards.resolve("samples-2.csv"), "x\n");
        assertThat(bash(dir, env, merge).rc()).isZero();
        String glob = shards.resolve("samples-*.csv").toString();
        assertThat(Files.readString(log)).contains("filter\n--in\n" + glob + "\n--prototype\nelpasolite\n",
            "metrics\n--generated\n" + glob + "\n--training\ntrain.csv\n--prototype\nelpasolite\n", "--curve\n");
    }

    @Test
    void slurmSubmitsAnArrayOfKTasksAndAMergeAfterAllOfThem() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("sbatch.log");
        recorder(bin.resolve("sbatch"), log, "echo 4242\n");
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "STUDY", "/scratch/s", "MODEL",
            "m.genmat", "TRAINING", "t.csv", "N", "25000000", "K", "50");
        Run r = bash(dir, env, CLUSTER.resolve("slurm-study.sh").toAbsolutePath().toString());
        assertThat(r.rc()).as(r.out()).isZero();
        String[] calls = Files.readString(log).split("--\n");
        assertThat(calls).hasSize(2);
        assertThat(calls[0]).contains("--parsable\n", "--array=0-49\n").endsWith("shard-task.sh\n");
        assertThat(calls[1]).contains("--dependency=afterok:4242\n").endsWith("merge.sh\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesRunsAnIndexedJobOfKShardsAndOneMerge() throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object d : new Yaml().loadAll(Files.readString(CLUSTER.resolve("k8s-study.yaml")))) {
            docs.add((Map<String, Object>) d);
        }
        assertThat(docs).hasSize(2).allMatch(d -> "batch/v1".equals(d.get("apiVersion")) && "Job".equals(d.get("kind")));

        Map<String, Object> sample = (Map<String, Object>) docs.get(0).get("spec");
        assertThat(sample.get("completionMode")).isEqualTo("Indexed");
        int k = (Integer) sample.get("completions");
        Map<String, Object> sampleContainer = container(sample, "containers");
        assertThat((List<String>) sampleContainer.get("command")).singleElement().asString().endsWith("/shard-task.sh");
        assertThat(env(sampleContainer)).containsEntry("K", Integer.toString(k)).containsKeys("GENMAT", "STUDY", "MODEL", "N");

        Map<String, Object> mergeSpec = (Map<String, Object>) docs.get(1).get("spec");
        Map<String, Object> merge = container(mergeSpec, "containers");
        assertThat((List<String>) merge.get("command")).singleElement().asString().endsWith("/merge.sh");
        assertThat(env(merge)).containsEntry("K", Integer.toString(k)).containsKeys("GENMAT", "STUDY", "TRAINING");
        Map<String, Object> wait = container(mergeSpec, "initContainers");
        assertThat(String.join(" ", (List<String>) wait.get("command"))).contains("-eq " + k + " ]");
        for (Map<String, Object> spec : List.of(sample, mergeSpec)) {
            Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
            assertThat(pod.get("restartPolicy")).isEqualTo("Never");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> jobSpec, String kind) {
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) jobSpec.get("template")).get("spec");
        List<Map<String, Object>> list = (List<Map<String, Object>>) pod.get(kind);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
            m.put((String) e.get("name"), String.valueOf(e.get("value")));
        }
        return m;
    }
}
