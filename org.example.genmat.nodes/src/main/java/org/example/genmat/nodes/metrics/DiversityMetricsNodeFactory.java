package org.example.genmat.nodes.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.metrics.ClassMetrics;
import org.example.genmat.core.metrics.CompositionKey;
import org.example.genmat.core.metrics.CompositionKeySet;
import org.example.genmat.core.metrics.Coverage;
import org.example.genmat.core.metrics.DiscoveryTracker;
import org.example.genmat.core.metrics.MagpieFingerprint;
import org.example.genmat.core.metrics.MetricRow;
import org.example.genmat.core.metrics.Wasserstein;
import org.example.genmat.core.validity.ValidityChecker;
import org.example.genmat.core.validity.ValidityResult;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.CrystalColumns;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.BooleanCell.BooleanCellFactory;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Diversity Metrics: generated + training (+ reference) tables → metrics, per-sample tags, discovery curve. */
public final class DiversityMetricsNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Diversity Metrics") //
        .icon("diversity-metrics.png") //
        .shortDescription("Validity, uniqueness, novelty, coverage and distribution distances of generated"
            + " crystals.") //
        .fullDescription("<p>Evaluates a table of generated crystals or compositions against the training table"
            + " (and optionally a reference/test table): validity under the CDVAE/SMACT rule (SMACT 1.4"
            + " oxidation states, distance cutoff 0.5 Å), uniqueness, novelty and rediscovery (Türk et al.),"
            + " COV-R and COV-P on the standardised Magpie composition fingerprint (composition-only coverage),"
            + " earth mover's distances of density and number of elements, and - with a class column - the"
            + " class precision and coverage of Türk et al.</p><p>Outputs: one row per metric with its value,"
            + " the number of items it is computed on and its definition; the generated rows tagged novel,"
            + " repetition, rediscovery or invalid; the cumulative discovery curve.</p>") //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputTable("Generated", "Generated crystals or compositions (cif, composition or"
            + " formula column), e.g. from Sample Latent.") //
            .addInputTable("Training", "The training table of the model (novelty is measured against it).") //
            .addInputPort("Reference", "Optional reference (test) table for coverage and EMDs; the training"
                + " table is used when not connected.", BufferedDataTable.TYPE_OPTIONAL) //
            .addOutputTable("Metrics", "metric, value, n, definition") //
            .addOutputTable("Per-sample tags", "The generated rows' keys with formula, validity and tag.") //
            .addOutputTable("Discovery curve", "Cumulative counts after every n generated rows.")) //
        .model(m -> m.parametersClass(DiversityMetricsParameters.class) //
            .configure(DiversityMetricsNodeFactory::configure) //
            .execute(DiversityMetricsNodeFactory::execute)) //
        .nodeType(NodeType.Other) //
        .keywords("novelty", "coverage", "EMD", "CDVAE", "uniqueness", "discovery") //
        .addExternalResource("https://arxiv.org/abs/2110.06197", "Xie et al., CDVAE (coverage and EMD metrics)");

    /** Framework constructor. */
    public DiversityMetricsNodeFactory() {
        super(NODE);
    }

    static DataTableSpec metricsSpec() {
        return new DataTableSpec(new String[]{"metric", "value", "n", "definition"},
            new DataType[]{StringCell.TYPE, DoubleCell.TYPE, LongCell.TYPE, StringCell.TYPE});
    }

    static DataTableSpec tagsSpec() {
        return new DataTableSpec(new String[]{"formula", "valid", "tag", "class"},
            new DataType[]{StringCell.TYPE, BooleanCell.TYPE, StringCell.TYPE, StringCell.TYPE});
    }

    static DataTableSpec curveSpec() {
        return new DataTableSpec(new String[]{"samples_drawn", "valid_samples", "unique", "novel", "rediscovered"},
            new DataType[]{LongCell.TYPE, LongCell.TYPE, LongCell.TYPE, LongCell.TYPE, LongCell.TYPE});
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final DiversityMetricsParameters p = in.getParameters();
        CrystalColumns.requireCrystalColumns(in.getInTableSpec(0), "generated table");
        CrystalColumns.requireCrystalColumns(in.getInTableSpec(1), "training table");
        final DataTableSpec ref = in.getInPortSpec(2);
        if (ref != null) {
            CrystalColumns.requireCrystalColumns(ref, "reference table");
        }
        if (!p.m_classColumn.isBlank()) {
            final DataTableSpec population = ref != null ? ref : in.getInTableSpec(1);
            if (!population.containsName(p.m_classColumn)) {
                throw new InvalidSettingsException("Class column \"" + p.m_classColumn + "\" is not in the "
                    + (ref != null ? "reference" : "training") + " table.");
            }
        }
        out.setOutSpecs(metricsSpec(), tagsSpec(), curveSpec());
    }

    private record Item(RowKey key, CrystalRecord record) {
    }

    private static List<Item> read(final BufferedDataTable t, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        final List<Item> items = new ArrayList<>();
        final DataTableSpec spec = t.getDataTableSpec();
        try (CloseableRowIterator it = t.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                final DataRow row = it.next();
                items.add(new Item(row.getKey(), CrystalColumns.record(spec, row)));
            }
        }
        return items;
    }

    private static Map<String, String> classes(final BufferedDataTable t, final String column,
        final ExecutionMonitor exec) throws CanceledExecutionException {
        final Map<String, String> byComposition = new HashMap<>();
        final DataTableSpec spec = t.getDataTableSpec();
        final int idx = spec.findColumnIndex(column);
        try (CloseableRowIterator it = t.iterator()) {
            while (it.hasNext()) {
                exec.checkCanceled();
                final DataRow row = it.next();
                final CrystalRecord r = CrystalColumns.record(spec, row);
                final String label = Cells.text(row.getCell(idx));
                if (r.ok() && !label.isEmpty()) {
                    byComposition.putIfAbsent(CompositionKey.stringKey(r.composition()), label);
                }
            }
        }
        return byComposition;
    }

    private static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final DiversityMetricsParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final BufferedDataTable refTable = in.getInPortObject(2);
        exec.setMessage("reading tables");
        final List<Item> gen = read(in.getInTable(0), exec.createSubProgress(0.05));
        final List<Item> train = read(in.getInTable(1), exec.createSubProgress(0.05));
        final List<Item> ref = refTable == null ? train : read(refTable, exec.createSubProgress(0.05));
        final CompositionKeySet trainingKeys = new CompositionKeySet(train.size() * 2 + 16);
        long unreadableTraining = 0;
        for (Item t : train) {
            if (t.record().ok()) {
                trainingKeys.add(t.record().composition());
            } else {
                unreadableTraining++;
            }
        }
        final Map<String, String> classOf = p.m_classColumn.isBlank() ? Map.of()
            : classes(refTable == null ? in.getInTable(1) : refTable, p.m_classColumn, exec);

        // validity + discovery, streaming over the generated rows in order
        final ValidityChecker checker = ValidityChecker.defaults();
        final DiscoveryTracker tracker = new DiscoveryTracker(trainingKeys, p.m_curveEvery, gen.size() + 16);
        final BufferedDataContainer tags = exec.createDataContainer(tagsSpec());
        final List<CrystalRecord> valid = new ArrayList<>();
        long compositionValid = 0;
        long structureValid = 0;
        long withStructure = 0;
        final List<String> validClasses = new ArrayList<>();
        final List<Boolean> validFirst = new ArrayList<>();
        int i = 0;
        for (Item g : gen) {
            exec.checkCanceled();
            final CrystalRecord r = g.record();
            final ValidityResult v = !r.ok() ? new ValidityResult(false, false, ValidityResult.CHECK_INPUT, r.error())
                : r.hasStructure() ? checker.check(r.crystal()) : checker.check(r.composition());
            if (v.compositionValid()) {
                compositionValid++;
            }
            if (r.ok() && r.hasStructure()) {
                withStructure++;
                if (v.structureValid()) {
                    structureValid++;
                }
            }
            final DiscoveryTracker.Tag tag;
            String cls = null;
            if (v.valid()) {
                tag = tracker.offer(r.composition());
                valid.add(r);
                cls = classOf.get(CompositionKey.stringKey(r.composition()));
                validClasses.add(cls);
                validFirst.add(tag != DiscoveryTracker.Tag.REPETITION);
            } else {
                tag = tracker.offerInvalid();
            }
            tags.addRowToTable(new DefaultRow(g.key(),
                r.ok() ? new StringCell(r.composition().reducedFormula()) : DataType.getMissingCell(),
                BooleanCellFactory.create(v.valid()), new StringCell(tag.label()), Cells.string(cls)));
            i++;
            if (i % 256 == 0) {
                exec.setProgress(0.15 + 0.35 * i / gen.size(), "sample " + i + "/" + gen.size());
            }
        }
        tags.close();
        final long n = gen.size();
        final List<MetricRow> metrics = new ArrayList<>();
        metrics.add(new MetricRow("samples", n, n, "generated rows"));
        metrics.add(new MetricRow("composition_validity", frac(compositionValid, n), n,
            "SMACT/CDVAE charge-neutrality + electronegativity rule, smact14 oxidation states"));
        metrics.add(new MetricRow("structure_validity", withStructure == 0 ? Double.NaN
            : frac(structureValid, withStructure), withStructure, "volume >= 0.1 Å³ and distances >= 0.5 Å"));
        metrics.add(new MetricRow("validity", frac(valid.size(), n), n, "composition and structure valid"));
        metrics.add(new MetricRow("uniqueness", frac(tracker.unique(), tracker.valid()), tracker.valid(),
            "unique compositions / valid samples"));
        metrics.add(new MetricRow("novelty", frac(tracker.novel(), tracker.unique()), tracker.unique(),
            "unique compositions not in the training table / unique compositions"));
        metrics.add(new MetricRow("rediscovery", frac(tracker.rediscovered(), tracker.unique()), tracker.unique(),
            "unique compositions found in the training table / unique compositions"));

        // coverage on the composition fingerprint
        exec.setMessage("coverage");
        exec.checkCanceled();
        final double[] genFp = fingerprints(gen.stream().map(Item::record).toList());
        final double[] refFp = fingerprints(ref.stream().map(Item::record).toList());
        final int dim = MagpieFingerprint.LENGTH;
        final double cutoff = p.compositionCutoff();
        if (genFp.length > 0 && refFp.length > 0) {
            final Coverage.NearestDistances d = Coverage.nearest(genFp, refFp, dim);
            metrics.add(new MetricRow("cov_recall", Coverage.NearestDistances.fractionWithin(d.toGenerated(),
                cutoff, refFp.length / dim), refFp.length / dim, "fraction of reference compositions within "
                + cutoff + " of a generated one (Magpie fingerprint, composition-only)"));
            metrics.add(new MetricRow("cov_precision", Coverage.NearestDistances.fractionWithin(d.toReference(),
                cutoff, n), n, "fraction of all generated rows within " + cutoff
                + " of a reference composition (Magpie fingerprint, composition-only)"));
        }
        exec.setProgress(0.8);

        // EMDs on a seeded random sample of valid rows
        exec.checkCanceled();
        final List<CrystalRecord> sample = new ArrayList<>(valid);
        java.util.Collections.shuffle(sample, new Random(p.m_seed));
        final List<CrystalRecord> drawn = sample.subList(0, Math.min(p.m_emdSampleSize, sample.size()));
        final List<CrystalRecord> refOk = ref.stream().map(Item::record).filter(CrystalRecord::ok).toList();
        final double[] genDensity = drawn.stream().filter(CrystalRecord::hasStructure)
            .mapToDouble(r -> r.crystal().density()).toArray();
        final double[] refDensity = refOk.stream().filter(CrystalRecord::hasStructure)
            .mapToDouble(r -> r.crystal().density()).toArray();
        if (genDensity.length > 0 && refDensity.length > 0) {
            metrics.add(new MetricRow("density_emd", Wasserstein.distance(genDensity, refDensity),
                genDensity.length, "earth mover's distance of density (g/cm³), valid sample vs reference"));
        }
        final double[] genElements = drawn.stream().mapToDouble(r -> r.composition().elements().size()).toArray();
        final double[] refElements = refOk.stream().mapToDouble(r -> r.composition().elements().size()).toArray();
        if (genElements.length > 0 && refElements.length > 0) {
            metrics.add(new MetricRow("elements_emd", Wasserstein.distance(genElements, refElements),
                genElements.length, "earth mover's distance of the number of elements, valid sample vs reference"));
        }

        // class metrics of Türk et al.
        if (!classOf.isEmpty()) {
            addClassMetrics(metrics, p.m_targetClass, classOf, validClasses, validFirst);
        }

        final BufferedDataContainer m = exec.createDataContainer(metricsSpec());
        long row = 0;
        for (MetricRow r : metrics) {
            m.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new StringCell(r.metric()),
                Cells.number(r.value()), new LongCell(r.n()), new StringCell(r.definition())));
        }
        m.close();
        final BufferedDataContainer curve = exec.createDataContainer(curveSpec());
        row = 0;
        for (DiscoveryTracker.CurvePoint cp : tracker.curve()) {
            curve.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new LongCell(cp.samplesDrawn()),
                new LongCell(cp.validSamples()), new LongCell(cp.unique()), new LongCell(cp.novel()),
                new LongCell(cp.rediscovered())));
        }
        curve.close();
        final long unreadable = gen.stream().filter(g -> !g.record().ok()).count();
        if (unreadable > 0 || unreadableTraining > 0) {
            out.setWarningMessage(unreadable + " generated and " + unreadableTraining + " training rows could not"
                + " be read (missing or malformed cells); generated ones count as invalid.");
        }
        exec.setProgress(1.0);
        out.setOutData(m.getTable(), tags.getTable(), curve.getTable());
    }

    private static void addClassMetrics(final List<MetricRow> metrics, final String target,
        final Map<String, String> classOf, final List<String> validClasses, final List<Boolean> validFirst)
        throws KNIMEException {
        final TreeSet<String> labels = new TreeSet<>(DiversityMetricsNodeFactory::compareLabels);
        labels.addAll(classOf.values());
        final List<String> ordered = new ArrayList<>(labels);
        final int targetIndex = ordered.indexOf(target);
        if (targetIndex < 0) {
            throw new KNIMEException("Target class \"" + target + "\" does not occur in the class column (classes: "
                + ordered + ").");
        }
        final long[] sizes = new long[ordered.size()];
        for (String c : classOf.values()) {
            sizes[ordered.indexOf(c)]++;
        }
        final ClassMetrics cm = new ClassMetrics(targetIndex, sizes);
        for (int k = 0; k < validClasses.size(); k++) {
            final String c = validClasses.get(k);
            cm.add(c == null ? -1 : ordered.indexOf(c), validFirst.get(k));
        }
        final String def = " (target class " + target + ", Türk et al.)";
        metrics.add(new MetricRow("precision_right_class", cm.precisionRight(), cm.total(),
            "valid samples in the target class / valid samples" + def));
        metrics.add(new MetricRow("precision_neighbouring", cm.precisionNeighbouring(), cm.total(),
            "valid samples in the neighbouring classes / valid samples" + def));
        metrics.add(new MetricRow("coverage_right_class", cm.coverageRight(), cm.referenceSize(targetIndex),
            "unique generated compositions of the target class / its size in the reference" + def));
        metrics.add(new MetricRow("coverage_neighbouring", cm.coverageNeighbouring(), cm.total(),
            "unique generated compositions of the neighbouring classes / their size" + def));
    }

    /** Numeric labels in numeric order (neighbouring classes), others alphabetically after them. */
    private static int compareLabels(final String a, final String b) {
        final Double x = number(a);
        final Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static Double number(final String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double[] fingerprints(final List<CrystalRecord> records) {
        final List<double[]> fps = new ArrayList<>();
        for (CrystalRecord r : records) {
            if (!r.ok()) {
                continue;
            }
            try {
                fps.add(MagpieFingerprint.standardised(r.composition()));
            } catch (RuntimeException e) {
                // an element without Magpie data: such a row has no fingerprint and cannot be covered
            }
        }
        final int dim = MagpieFingerprint.LENGTH;
        final double[] all = new double[fps.size() * dim];
        for (int k = 0; k < fps.size(); k++) {
            System.arraycopy(fps.get(k), 0, all, k * dim, dim);
        }
        return all;
    }

    private static double frac(final long a, final long b) {
        return b == 0 ? Double.NaN : a / (double)b;
    }
}
