package org.example.genmat.nodes.read;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.example.genmat.core.crystal.Composition;
import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.io.PoscarReader;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.CrystalColumns;
import org.example.genmat.nodes.table.RowKeys;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
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

/** Read Crystals: CIF/POSCAR/formula files, folders, zips or a text column → the standard crystal table. */
public final class ReadCrystalsNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Read Crystals") //
        .icon("read-crystals.png") //
        .shortDescription("Reads crystal structures or formulas into the standard crystal table.") //
        .fullDescription("<p>Reads CIF files (every data block, symmetry expanded to the full cell), VASP"
            + " POSCAR/CONTCAR files and formula tables from a file, a folder (recursively) or a zip archive - or,"
            + " when a table is connected, from a column holding CIF text, POSCAR text or formulas.</p>"
            + "<p>The output has the columns of <tt>genmat read</tt>: source, formula, composition, lattice"
            + " a, b, c (Å), alpha, beta, gamma (degrees), volume (Å³), nsites, density (g/cm³), spacegroup,"
            + " cif (P1 CIF text) and error. Rows are keyed by their source (file#block or row ID). Unreadable"
            + " inputs are kept as rows with the reason in <i>error</i>; nothing is dropped silently.</p>") //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputPort("Structures table", "Optional table with a column of CIF text, POSCAR text"
            + " or formulas. When connected, the location setting is ignored.",
            org.knime.core.node.BufferedDataTable.TYPE_OPTIONAL) //
            .addOutputTable("Crystals", "One row per crystal (or formula) with the standard crystal columns.")) //
        .model(m -> m.parametersClass(ReadCrystalsParameters.class) //
            .configure(ReadCrystalsNodeFactory::configure) //
            .execute(ReadCrystalsNodeFactory::execute)) //
        .nodeType(NodeType.Source) //
        .keywords("CIF", "POSCAR", "crystal", "structure", "reader");

    /** Framework constructor. */
    public ReadCrystalsNodeFactory() {
        super(NODE);
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final ReadCrystalsParameters p = in.getParameters();
        final DataTableSpec inSpec = in.getInPortSpec(0);
        if (inSpec != null) {
            column(inSpec, p.m_column);
        } else {
            location(p.m_location);
        }
        out.setOutSpecs(CrystalColumns.spec());
    }

    private static int column(final DataTableSpec spec, final String column) throws InvalidSettingsException {
        if (column == null || column.isBlank()) {
            throw new InvalidSettingsException("Select the structure column of the input table.");
        }
        final int idx = spec.findColumnIndex(column);
        if (idx < 0) {
            throw new InvalidSettingsException("Structure column \"" + column + "\" is not in the input table.");
        }
        final DataColumnSpec col = spec.getColumnSpec(idx);
        if (!col.getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("Structure column \"" + column + "\" must be a string column (CIF,"
                + " POSCAR or formula text); it is " + col.getType() + ".");
        }
        return idx;
    }

    private static Path location(final String location) throws InvalidSettingsException {
        if (location == null || location.isBlank()) {
            throw new InvalidSettingsException("Set the location (file, folder or zip) or connect a table.");
        }
        final Path path;
        try {
            path = Path.of(location.trim());
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException("Location \"" + location + "\" is not a valid path: " + e.getMessage());
        }
        if (!Files.exists(path)) {
            throw new InvalidSettingsException("Location \"" + location + "\" does not exist.");
        }
        return path;
    }

    private static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ReadCrystalsParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final BufferedDataTable table = in.getInPortObject(0);
        final BufferedDataContainer c = exec.createDataContainer(CrystalColumns.spec());
        final Counter count = new Counter();
        final RowKeys keys = new RowKeys();
        try {
            if (table != null) {
                final int idx = column(table.getDataTableSpec(), p.m_column);
                long done = 0;
                final long total = Math.max(1, table.size());
                try (CloseableRowIterator it = table.iterator()) {
                    while (it.hasNext()) {
                        exec.checkCanceled();
                        final DataRow row = it.next();
                        final String source = row.getKey().getString();
                        final List<CrystalRecord> records = row.getCell(idx).isMissing()
                            ? List.of(CrystalRecord.failed(source, source + ": missing cell"))
                            : parse(Cells.text(row.getCell(idx)), source, p.m_format);
                        for (CrystalRecord r : records) {
                            add(c, keys, r, p, count);
                        }
                        done++;
                        exec.setProgress(done / (double)total, "row " + done + "/" + total);
                    }
                }
            } else {
                final Path path = location(p.m_location);
                exec.setMessage("reading " + path.getFileName());
                final CrystalReader.Options options = CrystalReader.Options.defaults()
                    .withFormat(CrystalReader.Format.valueOf(p.m_format.name()))
                    .withCancelled(() -> Cancellation.requested(exec))
                    .withProgress((inputs, bytes, current) -> exec.setMessage(inputs + " inputs read · " + current));
                try (Stream<CrystalRecord> records = CrystalReader.read(List.of(path), options)) {
                    final Iterator<CrystalRecord> it = records.iterator();
                    while (it.hasNext()) {
                        exec.checkCanceled();
                        add(c, keys, it.next(), p, count);
                    }
                }
                exec.checkCanceled(); // the reader stops early on cancel
            }
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        } catch (java.io.UncheckedIOException | org.example.genmat.core.io.CrystalReadException e) {
            throw new KNIMEException("Cannot read \"" + p.m_location + "\": " + e.getMessage(), e);
        }
        c.close();
        if (count.errors > 0) {
            out.setWarningMessage(count.errors + " of " + count.rows + " inputs could not be read (see the error"
                + " column); first: " + count.firstError);
        }
        out.setOutData(c.getTable());
    }

    /** Parses one cell's text. */
    static List<CrystalRecord> parse(final String text, final String source, final ReadCrystalsParameters.Format f) {
        ReadCrystalsParameters.Format format = f;
        if (format == ReadCrystalsParameters.Format.AUTO) {
            format = guess(text);
        }
        try {
            return switch (format) {
                case CIF -> CifReader.read(text, source);
                case POSCAR -> PoscarReader.read(text, source);
                default -> List.of(formula(text, source));
            };
        } catch (RuntimeException e) { // a reader bug on odd input must not fail the whole table
            return List.of(CrystalRecord.failed(source, source + ": " + e.getMessage()));
        }
    }

    private static CrystalRecord formula(final String text, final String source) {
        final String t = text.trim();
        try {
            final Composition comp = t.contains(":") ? Composition.parseCellString(t) : Composition.parse(t);
            return CrystalRecord.ofComposition(source, comp);
        } catch (IllegalArgumentException e) {
            return CrystalRecord.failed(source, source + ": not a formula: " + e.getMessage());
        }
    }

    private static ReadCrystalsParameters.Format guess(final String text) {
        final String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("data_")) {
            return ReadCrystalsParameters.Format.CIF;
        }
        return text.strip().lines().count() >= 7 ? ReadCrystalsParameters.Format.POSCAR
            : ReadCrystalsParameters.Format.FORMULA;
    }

    private static void add(final BufferedDataContainer c, final RowKeys keys, final CrystalRecord r,
        final ReadCrystalsParameters p, final Counter count) throws KNIMEException {
        count.rows++;
        if (!r.ok()) {
            if (p.m_failOnFirstError) {
                throw new KNIMEException("Cannot read " + r.source() + ": " + r.error());
            }
            if (count.errors++ == 0) {
                count.firstError = r.error();
            }
        }
        c.addRowToTable(new DefaultRow(keys.next(r.source()), new ArrayList<>(CrystalColumns.cells(r))));
    }

    private static final class Counter {
        long rows;

        long errors;

        String firstError;
    }
}
