package org.example.genmat.nodes.metrics;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.job.TableSchema;
import org.example.genmat.core.job.metrics.MetricsJob;
import org.example.genmat.core.job.metrics.MetricsSettings;
import org.example.genmat.core.job.metrics.MetricsTables;
import org.example.genmat.core.metrics.MetricsEngine;
import org.example.genmat.core.metrics.Sample;
import org.example.genmat.core.metrics.SampleRows;
import org.example.genmat.core.study.StudyTables;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.table.JobTables;
import org.example.genmat.nodes.table.SampleTables;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
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
            + " (and optionally a reference/test table): validity under the CDVAE/SMACT rule, judged with the node's"
            + " validity settings, the same as Filter Validity's (default: smact14 oxidation states, distance cutoff"
            + " 0.5 Å), uniqueness, novelty, rediscovery and repetitions (Türk"
            + " et al.), COV-R and COV-P with coverage cutoffs (on CrystalNN structure and standardised Magpie composition"
            + " fingerprints where both tables hold structures, composition-only rows on the Magpie fingerprint always),"
            + " earth mover's distances of density and number of elements, Fréchet fingerprint"
            + " distance and element-distribution Jensen-Shannon distance against the reference (the training table"
            + " when none is connected), and - with a"
            + " class column - the class precision and coverage of Türk et al.</p><p>Outputs: one row per metric with its value,"
            + " the number of items it is computed on and its definition; the generated rows tagged novel,"
            + " repetition, rediscovery or invalid; the cumulative discovery curve; the element distribution per"
            + " prototype site (over all sites without a prototype), generated against reference. The metrics, their"
            + " names and definitions are those of <tt>genmat metrics</tt> (the element distribution is its"
            + " <tt>--elements</tt> table).</p><p>With <i>Elpasolite study</i> on, the generated"
            + " elpasolites are also scored as in Türk et al.'s study (Chem. Mater. 34, 9455, 2022), and as"
            + " <tt>genmat demo</tt> scores a model, against the whole space of elpasolites labelled by a kernel-ridge"
            + " surrogate of the training table's formation energies;"
            + " the Study table and the Novel candidates table hold the figures and the ranked candidates, as"
            + " <tt>genmat metrics --study --candidates</tt> writes them. Otherwise these two tables are empty.</p>") //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputTable("Generated", "Generated crystals or compositions (cif, composition or"
            + " formula column), e.g. from Sample Latent.") //
            .addInputTable("Training", "The training table of the model (novelty is measured against it).") //
            .addInputPort("Reference", "Optional reference (test) table for coverage and EMDs; the training"
                + " table is used when not connected.", BufferedDataTable.TYPE_OPTIONAL) //
            .addOutputTable("Metrics", "metric, value, n, definition") //
            .addOutputTable("Per-sample tags", "The generated rows' keys with index, formula, validity and tag.") //
            .addOutputTable("Discovery curve", "Cumulative counts after every n generated rows.") //
            .addOutputTable("Study table", "With Elpasolite study: one row for the generated table and one per baseline"
                + " (uniform, prevalence): well-formed samples scored, draws, precision and coverage (right and neighbouring"
                + " class), site-wise Jensen-Shannon distances, unique, novel and novel target-class counts.") //
            .addOutputTable("Novel candidates", "With Elpasolite study: the distinct novel target-class compositions"
                + " generated, ranked by the surrogate's predicted formation energy, with their validity verdict (smact14 oxidation"
                + " states) and a second verdict by the same rules with the ICSD-24 states (valid_icsd24; they leave out rare"
                + " states such as Be+ but hold some smact14 lacks, such as In3-, so neither verdict implies the other).") //
            .addOutputTable("Element distribution", "site, element, p_generated, p_reference: the share of each element"
                + " on each prototype site (site \"all\" without a prototype) among the valid generated rows and among"
                + " the reference rows (the training table when no reference is connected).")) //
        .model(m -> m.parametersClass(DiversityMetricsParameters.class) //
            .configure(DiversityMetricsNodeFactory::configure) //
            .execute(DiversityMetricsNodeFactory::execute)) //
        .nodeType(NodeType.Other) //
        .keywords("novelty", "coverage", "EMD", "CDVAE", "uniqueness", "discovery", "elpasolite", "surrogate") //
        .addExternalResource("https://arxiv.org/abs/2110.06197", "Xie et al., CDVAE (coverage and EMD metrics)");

    /** Framework constructor. */
    public DiversityMetricsNodeFactory() {
        super(NODE);
    }

    static DataTableSpec metricsSpec() {
        return JobTables.spec(MetricsTables.METRICS);
    }

    static DataTableSpec tagsSpec() {
        return JobTables.spec(MetricsTables.TAGS);
    }

    static DataTableSpec curveSpec() {
        return JobTables.spec(MetricsTables.CURVE);
    }

    /** The Study table's columns: they name the target class (novel_class1), 1 when none is set. */
    static TableSchema studySchema(final Integer targetClass) {
        return StudyTables.scores(targetClass == null ? 1 : targetClass);
    }

    static DataTableSpec candidatesSpec() {
        return JobTables.spec(StudyTables.CANDIDATES);
    }

    static DataTableSpec elementsSpec() {
        return JobTables.spec(MetricsTables.ELEMENTS);
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final DiversityMetricsParameters p = in.getParameters();
        final SampleRows.PrototypeColumns proto = SampleRows.PrototypeColumns.of(p.m_validity.readOptions());
        SampleTables.check(in.getInTableSpec(0), proto, "generated table");
        final DataTableSpec ref = in.getInPortSpec(2);
        // training rows are compared by composition: the site columns are optional there (as MetricsJob reads them)
        SampleTables.check(in.getInTableSpec(1), proto, "training table", true);
        if (ref != null) {
            SampleTables.check(ref, proto, "reference table");
        }
        if (!p.m_classColumn.isBlank()) {
            final DataTableSpec population = ref != null ? ref : in.getInTableSpec(1);
            final DataColumnSpec col = population.getColumnSpec(p.m_classColumn);
            if (col == null) {
                throw new InvalidSettingsException("Class column \"" + p.m_classColumn + "\" is not in the "
                    + (ref != null ? "reference" : "training") + " table.");
            }
            if (!DiversityMetricsParameters.isClassColumn(col)) {
                throw new InvalidSettingsException("Class column \"" + p.m_classColumn + "\" must hold integer"
                    + " classes; it is " + col.getType() + ".");
            }
        }
        if (p.m_study) {
            final MetricsSettings settings;
            try {
                settings = p.toSettings();
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(e.getMessage(), e);
            }
            final DataTableSpec training = in.getInTableSpec(1);
            final List<String> needed = new java.util.ArrayList<>(settings.validity().prototypeColumns());
            needed.add(p.m_energyColumn);
            for (String c : needed) {
                if (training.getColumnSpec(c) == null) {
                    throw new InvalidSettingsException("The elpasolite study needs the column \"" + c + "\" in the training"
                        + " table (its sites A, B, C, D and the formation energy).");
                }
            }
        }
        out.setOutSpecs(metricsSpec(), tagsSpec(), curveSpec(), JobTables.spec(studySchema(p.targetClass())), candidatesSpec(),
            elementsSpec());
    }

    private static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final DiversityMetricsParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final BufferedDataTable generatedTable = in.getInTable(0);
        final BufferedDataTable trainingTable = in.getInTable(1);
        final BufferedDataTable refTable = in.getInPortObject(2);
        final MetricsSettings settings;
        try {
            settings = p.toSettings(p.m_validity.readOptions());
        } catch (InvalidSettingsException | IllegalArgumentException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final BufferedDataContainer tags = exec.createDataContainer(tagsSpec());
        final Unreadable generated = new Unreadable("generated");
        final Unreadable training = new Unreadable("training");
        final Unreadable reference = new Unreadable("reference");
        // rows whose class cell is missing or no class: read without a class, left out of the class figures
        final Unreadable classless = new Unreadable(refTable == null ? "training" : "reference");
        final MetricsJob.Result result;
        try {
            result = MetricsJob.run(settings, table(trainingTable, training, classless),
                refTable == null ? null : table(refTable, reference, classless), table(generatedTable, generated, classless),
                JobTables.sink(tags, MetricsTables.TAGS), Cancellation.monitor(exec));
        } catch (CancellationException e) {
            throw new CanceledExecutionException();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new KNIMEException("Metrics failed: " + e.getMessage(), e);
        }
        tags.close();
        final MetricsEngine.Result metrics = result.metrics();
        final MetricsJob.Study study = result.study();
        final TableSchema studySchema = studySchema(settings.targetClass());
        out.setOutData(fill(exec, metricsSpec(), MetricsTables.METRICS, MetricsTables.metricRows(result)), tags.getTable(),
            fill(exec, curveSpec(), MetricsTables.CURVE, MetricsTables.curveRows(metrics)),
            fill(exec, JobTables.spec(studySchema), studySchema, study == null ? List.of() : StudyTables.scoreRows(study.runs())),
            fill(exec, candidatesSpec(), StudyTables.CANDIDATES,
                study == null ? List.of() : StudyTables.candidateRows(study.candidates())),
            fill(exec, elementsSpec(), MetricsTables.ELEMENTS, MetricsTables.elementRows(metrics)));
        final List<String> warnings = new java.util.ArrayList<>();
        final List<String> unread = java.util.stream.Stream.of(generated, training, reference).filter(u -> u.m_count > 0)
            .map(Unreadable::toString).toList();
        if (!unread.isEmpty()) {
            warnings.add(String.join(", ", unread) + " rows could not be read (missing or malformed cells); generated"
                + " ones count as invalid.");
        }
        if (classless.m_count > 0) {
            warnings.add(classless.m_count + " " + classless.m_table + " rows have no usable class in column \""
                + settings.classColumn() + "\" (first: " + classless.m_first + "); they are left out of the class"
                + " figures.");
        }
        if (study != null && !study.skippedTraining().isEmpty()) {
            warnings.add(study.skippedTraining().size() + " training rows were left out of the surrogate; first: "
                + study.skippedTraining().get(0) + ".");
        }
        if (study != null && !study.prepared().surrogate().cacheNotice().isEmpty()) {
            warnings.add(study.prepared().surrogate().cacheNotice() + ".");
        }
        if (study != null && study.runs().get(0).samples() < settings.study().samples()) {
            warnings.add("The generated table has " + study.runs().get(0).samples() + " well-formed rows, fewer than the"
                + " study's " + settings.study().samples() + " samples; the baselines draw " + settings.study().samples() + ".");
        }
        if (!warnings.isEmpty()) {
            out.setWarningMessage(String.join(" ", warnings));
        }
        exec.setProgress(1.0);
    }

    /** The unreadable rows of one input table: how many, and the first one's row ID. */
    private static final class Unreadable {
        private final String m_table;
        private long m_count;
        private String m_first;

        Unreadable(final String table) {
            m_table = table;
        }

        void add(final String key) {
            if (m_count++ == 0) {
                m_first = key;
            }
        }

        @Override
        public String toString() {
            return m_count + " " + m_table + " (first: " + m_first + ")";
        }
    }

    /**
     * A table's rows for the job (its size known, so the job shows a fraction and checks for cancel as it reads),
     * counting the unreadable ones and those without a usable class.
     */
    private static MetricsJob.Input table(final BufferedDataTable table, final Unreadable unreadable,
        final Unreadable classless) {
        // the rows' warnings are counted here, for the node's one warning message
        return MetricsJob.Input.sized((reader, classColumn, sink, warnings) -> {
            final DataTableSpec spec = table.getDataTableSpec();
            try (CloseableRowIterator it = table.iterator()) {
                while (it.hasNext()) {
                    final DataRow r = it.next();
                    final Map<String, String> values = SampleTables.values(spec, r);
                    final Sample s = reader.toSample(r.getKey().getString(), values, classColumn,
                        w -> classless.add(r.getKey().getString()));
                    if (s.composition() == null) {
                        unreadable.add(r.getKey().getString());
                    }
                    sink.accept(new MetricsJob.Keyed(r.getKey().getString(), s, values));
                }
            }
        }, table.size());
    }

    private static BufferedDataTable fill(final ExecutionContext exec, final DataTableSpec spec, final TableSchema schema,
        final List<List<Object>> rows) {
        final BufferedDataContainer c = exec.createDataContainer(spec);
        long i = 0;
        for (List<Object> row : rows) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), JobTables.cells(row, schema.columns())));
        }
        c.close();
        return c.getTable();
    }
}
