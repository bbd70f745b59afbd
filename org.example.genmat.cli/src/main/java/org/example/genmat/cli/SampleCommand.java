package org.example.genmat.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.Candidate;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.model.ModelTrainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code genmat sample}: draws candidates from a .genmat model (prior), interpolates or encodes. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Sample candidates from a trained model (--mode prior), decode along the line between two encoded"
        + " rows (--mode interpolate) or write the latent means of rows (--mode encode).")
public final class SampleCommand implements java.util.concurrent.Callable<Integer> {

    /** Structure columns written for representations with a structure (as in 'genmat read'). */
    static final List<String> STRUCTURE_COLUMNS = List.of("a", "b", "c", "alpha", "beta", "gamma", "volume", "nsites", "density",
        "spacegroup", "cif");

    @Option(names = "--model", required = true, description = "Model file (.genmat).")
    Path model;

    @Option(names = "--n", description = "Number of samples (prior) or interpolation steps (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    long n;

    @Option(names = "--class", description = "Class label to generate (class-conditioned models; default: drawn from the training frequencies).")
    String classLabel;

    @Option(names = "--condition", description = "Property value to generate at (property-conditioned models; default: training mean).")
    String condition;

    @Option(names = "--temperature", description = "Standard deviation of the latent prior (default ${DEFAULT-VALUE}).", defaultValue = "1.0")
    double temperature;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--shard", description = "k/K: write only shard k (0-based) of K of the seed's stream (default ${DEFAULT-VALUE}).", defaultValue = "0/1")
    String shard;

    @Option(names = "--mode", description = "prior, interpolate or encode (default ${DEFAULT-VALUE}).", defaultValue = "prior")
    String mode;

    @Option(names = "--in", description = "Input table for --mode interpolate and encode.")
    Path in;

    @Option(names = "--rows", split = ",", description = "Interpolate: the two rows (1-based) of --in to interpolate between (default 1,2).")
    List<Integer> rows;

    @Option(names = "--out", required = true, description = "CSV file to write.")
    Path out;

    /** The file the user asked for; {@link #out} is its temporary sibling while writing. */
    private Path target;

    @Override
    public Integer call() throws Exception {
        if (classLabel != null && condition != null) {
            throw new IllegalArgumentException("give either --class or --condition, not both");
        }
        if (n < 0 || n > Sampler.MAX_SAMPLES) {
            throw new IllegalArgumentException("--n must be from 0 to " + Sampler.MAX_SAMPLES + " (10^15), was " + n);
        }
        String md = mode.toLowerCase(Locale.ROOT);
        if (!List.of("prior", "interpolate", "encode").contains(md)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "' (known: prior, interpolate, encode)");
        }
        // refused before the model is read: an output that is the model, the input table, a folder or a device
        try (OutputFiles outputs = OutputFiles.plan(java.util.Arrays.asList(model, in), "--out", out)) {
            GenerativeModel m = GenerativeModel.load(model);
            String cond = classLabel != null ? classLabel : condition;
            // written beside the target and renamed at the end: an interrupted run leaves no half-written table
            target = out;
            out = outputs.temp("--out");
            try {
                switch (md) {
                    case "prior" -> prior(m, cond);
                    case "interpolate" -> interpolate(m, cond);
                    default -> encode(m);
                }
                outputs.commit();
            } finally {
                out = target;
            }
        }
        return 0;
    }

    static int[] parseShard(String s) {
        String[] p = s.trim().split("/");
        try {
            if (p.length == 2) {
                int k = Integer.parseInt(p[0].trim()), kk = Integer.parseInt(p[1].trim());
                if (kk >= 1 && k >= 0 && k < kk) {
                    return new int[] {k, kk};
                }
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException("--shard must be k/K with 0 <= k < K, e.g. 0/4; was '" + s + "'");
    }

    private void prior(GenerativeModel m, String cond) throws IOException {
        int[] sh = parseShard(shard);
        long t0 = System.nanoTime();
        long count = 0, clean = 0;
        try (Stream<Candidate> s = Sampler.sample(m, n, cond, temperature, seed, sh[0], sh[1]);
             CandidateWriter w = CandidateWriter.forFeaturizer(out, m.featurizer())) {
            Iterator<Candidate> it = s.iterator();
            long nextReport = 100_000;
            while (it.hasNext()) {
                Candidate c = it.next();
                w.write(c);
                count++;
                if (c.clean()) {
                    clean++;
                }
                if (count >= nextReport) {
                    System.err.printf(Locale.ROOT, "%d samples%n", count);
                    nextReport += 100_000;
                }
            }
        }
        System.err.printf(Locale.ROOT, "wrote %d samples (%d decoded cleanly) of shard %d/%d to %s in %.1f s%n", count, clean, sh[0], sh[1],
            target, (System.nanoTime() - t0) / 1e9);
    }

    private List<ModelTrainer.Row> inputRows(GenerativeModel m) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("--mode " + mode + " needs --in with the rows to encode");
        }
        String col = m.conditioning().column();
        List<ModelTrainer.Row> rs;
        try {
            rs = ModelTrainer.readRows(in, col);
        } catch (IllegalArgumentException e) {
            // the table may lack the model's condition column; then --class/--condition applies to all rows
            rs = ModelTrainer.readRows(in, null);
        }
        return rs;
    }

    private void interpolate(GenerativeModel m, String cond) throws IOException {
        List<ModelTrainer.Row> rs = inputRows(m);
        List<Integer> pick = rows == null ? List.of(1, 2) : rows;
        if (pick.size() != 2) {
            throw new IllegalArgumentException("--rows needs exactly two row numbers, e.g. 1,2");
        }
        CrystalRecord[] ends = new CrystalRecord[2];
        String c = cond;
        for (int i = 0; i < 2; i++) {
            int r = pick.get(i);
            if (r < 1 || r > rs.size()) {
                throw new IllegalArgumentException("--rows: row " + r + " does not exist; " + in + " has " + rs.size() + " rows");
            }
            ends[i] = rs.get(r - 1).record();
            if (!ends[i].ok()) {
                throw new IllegalArgumentException("row " + r + " of " + in + ": " + ends[i].error());
            }
            if (c == null && rs.get(r - 1).condition() != null && m.conditioning().dimension() > 0) {
                c = rs.get(r - 1).condition().trim();
            }
        }
        if (n < 2 || n > 1_000_000) {
            throw new IllegalArgumentException("--n (interpolation steps) must be 2..1000000, was " + n);
        }
        List<Candidate> out1 = Sampler.interpolate(m, ends[0], ends[1], (int) n, c);
        try (CandidateWriter w = CandidateWriter.forFeaturizer(out, m.featurizer())) {
            for (Candidate x : out1) {
                w.write(x);
            }
        }
        System.err.printf(Locale.ROOT, "wrote %d interpolation steps to %s%n", out1.size(), target);
    }

    private void encode(GenerativeModel m) throws IOException {
        List<ModelTrainer.Row> rs = inputRows(m);
        List<CrystalRecord> good = new ArrayList<>();
        List<String> conds = new ArrayList<>();
        String[] errors = new String[rs.size()];
        int[] goodIndex = new int[rs.size()];
        for (int i = 0; i < rs.size(); i++) {
            ModelTrainer.Row r = rs.get(i);
            String c = r.condition() != null ? r.condition() : (classLabel != null ? classLabel : condition);
            try {
                if (!r.record().ok()) {
                    throw new IllegalArgumentException(r.record().error());
                }
                m.featurizer().encode(r.record());
                if (m.conditioning().dimension() > 0) {
                    m.conditioning().encode(c);
                }
                goodIndex[i] = good.size();
                good.add(r.record());
                conds.add(c);
            } catch (IllegalArgumentException e) {
                errors[i] = e.getMessage();
            }
        }
        float[][] z = Sampler.encode(m, good, m.conditioning().dimension() > 0 ? conds : null);
        try (BufferedWriter bw = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(bw, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            p.printRecord("source", "formula", "latent", "condition", "error");
            for (int i = 0; i < rs.size(); i++) {
                CrystalRecord r = rs.get(i).record();
                String formula = r.composition() == null ? "" : r.composition().reducedFormula();
                if (errors[i] != null) {
                    p.printRecord(r.source(), formula, "", "", errors[i]);
                } else {
                    p.printRecord(r.source(), formula, CandidateWriter.latent(z[goodIndex[i]]), nz(conds.get(goodIndex[i])), "");
                }
            }
        }
        System.err.printf(Locale.ROOT, "encoded %d of %d rows to %s%n", good.size(), rs.size(), target);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Streams candidates to CSV: formula, composition, [structure columns], latent, condition, [one column per
     * prototype site, e.g. A, B, C, D, as {@code genmat filter --prototype} reads them], note.
     */
    public static final class CandidateWriter implements AutoCloseable {
        private final CSVPrinter printer;
        private final boolean structure;
        private final List<String> siteNames;

        /** A writer for the candidates of a model's featurizer. */
        public static CandidateWriter forFeaturizer(Path file, org.example.genmat.core.featurize.Featurizer f) throws IOException {
            List<String> sites = f instanceof org.example.genmat.core.featurize.PrototypeSites p
                ? p.sites().stream().map(org.example.genmat.core.featurize.PrototypeSites.SiteSpec::name).toList() : List.of();
            return new CandidateWriter(file, f.hasStructure(), sites);
        }

        public CandidateWriter(Path file, boolean structure, List<String> siteNames) throws IOException {
            this.structure = structure;
            this.siteNames = List.copyOf(siteNames);
            this.printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
            List<String> header = new ArrayList<>(List.of("formula", "composition"));
            if (structure) {
                header.addAll(STRUCTURE_COLUMNS);
            }
            header.addAll(List.of("latent", "condition"));
            header.addAll(this.siteNames);
            header.add("note");
            printer.printRecord(header);
        }

        public void write(Candidate c) throws IOException {
            List<String> row = new ArrayList<>(STRUCTURE_COLUMNS.size() + 6);
            row.add(nz(c.formula()));
            row.add(c.composition() == null ? "" : c.composition().toCellString());
            if (structure) {
                Map<String, String> t = c.crystal() == null ? Map.of() : CrystalTable.toRow(CrystalRecord.of(c.crystal(), "P 1"));
                for (String col : STRUCTURE_COLUMNS) {
                    row.add(t.getOrDefault(col, ""));
                }
            }
            row.add(latent(c.latent()));
            row.add(nz(c.condition()));
            for (String site : siteNames) {
                row.add(c.sites().getOrDefault(site, ""));
            }
            row.add(nz(c.decodeNote()));
            printer.printRecord(row);
        }

        static String latent(float[] z) {
            if (z == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (float v : z) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(v);
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            printer.close(true);
        }
    }
}
