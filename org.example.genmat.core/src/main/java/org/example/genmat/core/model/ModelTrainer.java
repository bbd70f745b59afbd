package org.example.genmat.core.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;


import org.example.genmat.core.featurize.Conditioning;
import org.example.genmat.core.featurize.Featurizer;
import org.example.genmat.core.featurize.Featurizers;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.io.CsvRecords;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.job.WarningLines;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainedNetwork;
import org.example.genmat.core.train.Trainer;
import org.example.genmat.core.train.TrainingData;
import org.example.genmat.core.train.TrainingSettings;

/**
 * Training orchestration: reads a crystal table, fits the featurizer and the conditioning to the
 * good rows, builds the training vectors (with augmentation), condition vectors and class labels,
 * runs {@link Trainer#train} and wraps the result with its provenance into a
 * {@link GenerativeModel}. Rows that cannot be used are skipped and each one is reported with its
 * row number, source and reason; none is dropped silently.
 */
public final class ModelTrainer {

    /** What to train. {@code classColumn} and {@code propertyColumn} are exclusive; both null = unconditional. */
    public record Request(ModelFamily family, String representation, Featurizers.Options featurizerOptions,
                          String classColumn, String propertyColumn, TrainingSettings settings,
                          Map<String, String> userSettings) {
        public Request {
            if (classColumn != null && propertyColumn != null) {
                throw new IllegalArgumentException("give either a class column or a property column, not both");
            }
            if (featurizerOptions == null) {
                featurizerOptions = Featurizers.Options.defaults();
            }
            // insertion order kept: Map.copyOf iterates in a per-JVM random order, and the model file lists these
            userSettings = userSettings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(userSettings));
        }
    }

    /** One input row: its record and the raw value of the condition column (null when unconditional). */
    public record Row(CrystalRecord record, String condition) {
    }

    /**
     * The training set built from the rows, plus the rows that were skipped and why, and warnings about the training set
     * as a whole (too few rows, a property column with one value).
     */
    public record Prepared(Featurizer featurizer, Conditioning conditioning, TrainingData data, int rowsUsed, List<String> skipped,
                           List<String> warnings) {
        public Prepared {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Fewest training rows without a warning: on fewer crystals a network can only memorise them, and samples, validity
     * and novelty say little (a table's header row or a filter that left a handful of rows is the usual cause).
     */
    public static final int FEW_ROWS = 10;

    private ModelTrainer() {
    }

    /**
     * Reads a crystal table (CSV with the standard columns) or a CIF file into rows. A CIF file (by name or content,
     * as genmat read tells it) is read as genmat read reads it, binary data and encodings included; a POSCAR is refused
     * with the read that makes a table of it ({@link CrystalReader#requireTableOr}): one structure is no training set.
     */
    public static List<Row> readRows(Path table, String conditionColumn) throws IOException {
        return readRows(table, conditionColumn, w -> { });
    }

    /**
     * {@link #readRows(Path, String)}, telling {@code warnings} what concerns the table as a whole: that it is not
     * UTF-8 and was read as Latin-1 ({@link CsvRecords#encodingWarning}), as read, filter and metrics say it.
     */
    public static List<Row> readRows(Path table, String conditionColumn, Consumer<String> warnings) throws IOException {
        List<Row> rows = new ArrayList<>();
        Messages.requireReadableFile(table);
        // one look at the file's start: a CIF is read here, any other crystal file refused, a table read below
        if (CrystalReader.requireTableOr(table, CrystalReader.Format.CIF) == CrystalReader.Format.CIF) {
            if (conditionColumn != null) {
                throw new IllegalArgumentException("a CIF file has no column '" + conditionColumn + "'; condition columns need a CSV table");
            }
            CrystalReader.Options read = CrystalReader.Options.defaults().withThreads(1).withWarnings(warnings);
            try (Stream<CrystalRecord> records = CrystalReader.read(List.of(table), read)) {
                records.forEach(r -> rows.add(new Row(r, null)));
            }
            return rows;
        }
        // the resilient record reader (a malformed row becomes a skipped row, the rest is read); not
        // CrystalTable.readRows: tables written by pandas have an unnamed index column
        try (CsvRecords records = new CsvRecords(Files.newInputStream(table), false)) {
            List<String> header = records.header();
            // first: without a crystal column every row fails, whatever the condition column
            CrystalTable.requireDataColumn(table.toString(), header);
            if (conditionColumn != null && !header.contains(conditionColumn)) {
                throw new IllegalArgumentException(table + " has no column '" + conditionColumn + "' (columns: " + String.join(", ", header) + ")");
            }
            String idColumn = header.contains("source") ? "source" : header.contains("material_id") ? "material_id" : null;
            for (CsvRecords.Row rec = records.next(); rec != null; rec = records.next()) {
                long n = rec.number();
                if (!rec.ok()) {
                    rows.add(new Row(CrystalRecord.failed(CrystalTable.rowSource(table.getFileName().toString(), n), rec.error()), null));
                    continue;
                }
                List<String> cells = rec.cells();
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    row.putIfAbsent(header.get(i), cells.get(i));
                }
                String id = idColumn == null ? "" : row.getOrDefault(idColumn, "");
                boolean keep = "source".equals(idColumn) && id != null && !id.isBlank();
                row.put("source", keep ? id : id == null || id.isBlank() ? CrystalTable.rowSource(table.getFileName().toString(), n)
                    : table.getFileName() + "#" + id.trim());
                CrystalRecord r;
                try {
                    r = CrystalTable.fromRow(row);
                } catch (RuntimeException e) {
                    r = CrystalRecord.failed(row.get("source"), e.getMessage());
                }
                rows.add(new Row(r, conditionColumn == null ? null : row.get(conditionColumn)));
            }
            String encoding = records.encodingWarning(table.toString());
            if (encoding != null) {
                warnings.accept(encoding);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException | IllegalArgumentException e) {
            if (e.getMessage() != null && (e.getMessage().contains("has no column") || e.getMessage().contains("has no cif"))) {
                throw e;
            }
            throw new IllegalArgumentException(table + " is not a readable CSV table: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(table + " has no rows");
        }
        return rows;
    }

    /** Fits featurizer and conditioning to the usable rows and builds the training set. */
    public static Prepared prepare(List<Row> rows, Request req) {
        List<String> skipped = new ArrayList<>();
        String condColumn = req.classColumn() != null ? req.classColumn() : req.propertyColumn();
        List<Row> good = new ArrayList<>();
        List<Integer> goodIndex = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (!r.record().ok()) {
                skipped.add(where(i, r) + r.record().error());
                continue;
            }
            if (condColumn != null) {
                String v = r.condition() == null ? "" : r.condition().trim();
                // blank: a missing value; NaN too in a class column (pandas writes a missing label so), but in a property
                // column it is a non-number like inf, refused below with the same words
                if (v.isEmpty() || req.propertyColumn() == null && Conditioning.missing(v)) {
                    skipped.add(where(i, r) + "empty value" + (v.isEmpty() ? "" : " '" + v + "'") + " in column '" + condColumn + "'");
                    continue;
                }
                if (req.propertyColumn() != null) {
                    String problem = Conditioning.propertyProblem(condColumn, v);
                    if (problem != null) {
                        skipped.add(where(i, r) + problem);
                        continue;
                    }
                }
            }
            good.add(r);
            goodIndex.add(i);
        }
        if (good.isEmpty()) {
            throw new IllegalArgumentException("no usable training rows" + (skipped.isEmpty() ? "" : "; first problem: " + skipped.get(0)));
        }
        Featurizer featurizer = Featurizers.create(req.representation(), req.featurizerOptions(),
            good.stream().map(Row::record).toList());
        // encode first, so that conditioning is fitted to exactly the rows that are used
        List<List<float[]>> vectors = new ArrayList<>();
        List<Row> used = new ArrayList<>();
        for (int k = 0; k < good.size(); k++) {
            Row r = good.get(k);
            try {
                vectors.add(featurizer.encodeAugmented(r.record()));
                used.add(r);
            } catch (IllegalArgumentException e) {
                skipped.add(where(goodIndex.get(k), r) + e.getMessage());
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no row fits the " + req.representation() + " representation; first problem: " + skipped.get(0));
        }
        Conditioning cond;
        if (req.classColumn() != null) {
            cond = Conditioning.classes(req.classColumn(), used.stream().map(r -> r.condition().trim()).toList());
        } else if (req.propertyColumn() != null) {
            cond = Conditioning.property(req.propertyColumn(), used.stream().mapToDouble(r -> Double.parseDouble(r.condition().trim())).toArray());
        } else {
            cond = Conditioning.none();
        }
        List<float[]> x = new ArrayList<>();
        List<float[]> c = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int k = 0; k < used.size(); k++) {
            for (float[] v : vectors.get(k)) {
                x.add(v);
                if (cond.dimension() > 0) {
                    c.add(cond.encode(used.get(k).condition().trim()));
                }
                if (cond.kind() == Conditioning.Kind.CLASS) {
                    labels.add(cond.classIndex(used.get(k).condition().trim()));
                }
            }
        }
        TrainingData data = new TrainingData(x.toArray(new float[0][]), featurizer.layout(),
            cond.dimension() > 0 ? c.toArray(new float[0][]) : null,
            labels.isEmpty() ? null : labels.stream().mapToInt(Integer::intValue).toArray());
        List<String> warnings = new ArrayList<>();
        if (used.size() < FEW_ROWS) {
            warnings.add("only " + rows(used.size()) + " to train on (fewer than " + FEW_ROWS + "): the model can only memorise"
                + " them, and its samples say little");
        }
        if (cond.singleValueWarning() != null) {
            warnings.add(cond.singleValueWarning());
        }
        return new Prepared(featurizer, cond, data, used.size(), skipped, warnings);
    }

    /** "1 row", "5 rows". */
    private static String rows(int n) {
        return n + (n == 1 ? " row" : " rows");
    }

    private static String where(int i, Row r) {
        String src = r.record().source();
        return "row " + (i + 1) + (src == null || src.isEmpty() ? "" : " (" + src + ")") + ": ";
    }

    /**
     * Prepares and trains. Skipped rows are reported through {@code log} (one line each, the first
     * {@link WarningLines#SHOWN} in full, then a count), then {@link Prepared#warnings()}, one "warning: " line each. Progress, cancellation and history rows as in {@link Trainer#train}.
     */
    public static GenerativeModel train(String dataSource, List<Row> rows, Request req, JobMonitor monitor,
                                        Consumer<HistoryRow> historyListener, Consumer<String> log) {
        return train(dataSource, prepare(rows, req), req, monitor, historyListener, log);
    }

    /** Trains on a prepared training set; skipped rows are reported through {@code log} as above. */
    public static GenerativeModel train(String dataSource, Prepared p, Request req, JobMonitor monitor,
                                        Consumer<HistoryRow> historyListener, Consumer<String> log) {
        if (log != null) {
            WarningLines skipped = new WarningLines(log, "skipped rows");
            p.skipped().forEach(s -> skipped.accept("skipped " + s));
            skipped.finish();
            p.warnings().forEach(w -> log.accept("warning: " + w));
            log.accept("training " + req.family().displayName() + " on " + rows(p.rowsUsed()) + " (" + p.data().rows() + " vectors of "
                + p.data().dimension() + " values, " + p.conditioning() + ")");
        }
        TrainingSettings s = req.settings();
        if (s.classBalanced() && p.data().classLabels() == null) {
            throw new IllegalArgumentException("class-balanced batches need a class column");
        }
        TrainedNetwork net = Trainer.train(req.family(), p.data(), s, monitor, historyListener, null);
        Map<String, String> settings = new LinkedHashMap<>(req.userSettings());
        settings.putIfAbsent("representation", req.representation());
        settings.putIfAbsent("family", req.family().name());
        settings.putIfAbsent("seed", Long.toString(s.seed()));
        return new GenerativeModel(net, p.featurizer(), p.conditioning(),
            Provenance.now(dataSource, p.rowsUsed(), p.skipped().size(), settings));
    }
}
