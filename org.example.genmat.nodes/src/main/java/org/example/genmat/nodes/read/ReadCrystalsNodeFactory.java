package org.example.genmat.nodes.read;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.example.genmat.core.io.CrystalReadException;
import org.example.genmat.core.io.CrystalTable;
import org.example.genmat.core.job.TableSchema;
import org.example.genmat.core.job.read.PassThrough;
import org.example.genmat.core.job.read.ReadJob;
import org.example.genmat.core.job.read.ReadResult;
import org.example.genmat.core.job.read.ReadSettings;
import org.example.genmat.nodes.Cancellation;
import org.example.genmat.nodes.EngineRange;
import org.example.genmat.nodes.FileLocations;
import org.example.genmat.nodes.read.ReadCrystalsParameters.LocationType;
import org.example.genmat.nodes.table.Cells;
import org.example.genmat.nodes.table.JobTables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
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
import org.knime.filehandling.core.connections.FSConnection;
import org.knime.filehandling.core.connections.FSLocation;
import org.knime.filehandling.core.connections.FSPath;
import org.knime.filehandling.core.port.FileSystemPortObject;
import org.knime.filehandling.core.port.FileSystemPortObjectSpec;
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
            + " POSCAR/CONTCAR files and formula tables from a file, a folder (recursively) or a zip archive - on the"
            + " local disk, relative to the workflow (knime:// URLs), on a mountpoint or Hub space or on a connected"
            + " file system - or, when a table is connected, from a column holding CIF text, POSCAR text or"
            + " formulas.</p>"
            + "<p>The output has the columns of <tt>genmat read</tt>:</p>" + columnList()
            + "<p>Rows are keyed by their source (file#block or row ID). Unreadable"
            + " inputs are kept as rows with the reason in <i>error</i>; files a folder or zip archive holds that are"
            + " not crystal files (or are hidden, encrypted or not regular files) are passed over and counted in the"
            + " node's warning: nothing is dropped silently. So is a crystal table in a folder (a CSV whose columns"
            + " start with these: an earlier output of this node or of genmat read), which would give its rows twice;"
            + " choose the file itself to read it. A file that is not UTF-8 is read as Latin-1 (as old CIFs are)"
            + " and named in the warning with its first byte that is not UTF-8.</p>"
            + "<p>The other columns of the input follow: every column of a connected table but the structure column,"
            + " with its type, or every column of a CSV/TSV table file (one file, not a folder) but its structure"
            + " column, typed as integer, number or string by its first 10,000 rows. A class label or an energy beside"
            + " the formulas so reaches a conditioned training. A name the crystal columns already have gets"
            + " \" (input)\" appended. A later value that does not fit its column's type is left missing, and the"
            + " row's <i>warning</i> names the column and the value.</p>") //
        .sinceVersion(0, 1, 0) //
        .ports(p -> p.addInputPort("Structures table", "Optional table with a column of CIF text, POSCAR text"
            + " or formulas. When connected, the location setting is ignored.",
            org.knime.core.node.BufferedDataTable.TYPE_OPTIONAL) //
            .addInputPort("File system", "Optional file-system connection (e.g. from a Hub, SMB or cloud connector);"
                + " when connected, the file or folder is a location on that file system.",
                FileSystemPortObject.TYPE_OPTIONAL) //
            .addOutputTable("Crystals", "One row per crystal (or formula) with the standard crystal columns, then"
                + " the other columns of the input.")) //
        .model(m -> m.parametersClass(ReadCrystalsParameters.class) //
            .configure(ReadCrystalsNodeFactory::configure) //
            .execute(ReadCrystalsNodeFactory::execute)) //
        .nodeType(NodeType.Source) //
        .keywords("CIF", "POSCAR", "crystal", "structure", "reader");

    /** Framework constructor. */
    public ReadCrystalsNodeFactory() {
        super(NODE);
    }

    /** The crystal table's columns with what each holds and its unit ({@link CrystalTable#SCHEMA}), as an HTML list. */
    private static String columnList() {
        StringBuilder html = new StringBuilder("<ul>");
        for (CrystalTable.Column c : CrystalTable.SCHEMA) {
            html.append("<li><tt>").append(c.name()).append("</tt>: ")
                .append(c.meaning().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</li>");
        }
        return html.append("</ul>").toString();
    }

    private static void configure(final ConfigureInput in, final ConfigureOutput out)
        throws InvalidSettingsException {
        final ReadCrystalsParameters p = in.getParameters();
        final DataTableSpec inSpec = in.getInPortSpec(ReadCrystalsParameters.TABLE_PORT);
        if (inSpec != null) {
            final String column = column(inSpec, p.m_column);
            if (!column.equals(p.m_column)) {
                out.setWarningMessage("Structure column not set: using \"" + column + "\", the first string column.");
            }
            out.setOutSpecs(tableModeSpec(inSpec, keptColumns(inSpec, inSpec.findColumnIndex(column))));
            return;
        }
        final FileSystemPortObjectSpec fs = in.getInPortSpec(ReadCrystalsParameters.FILE_SYSTEM_PORT);
        final FSLocation location = checkLocation(p, fs != null);
        if (fs != null && fs.getFileSystemConnection().isEmpty()) {
            // the connector node has not run yet: the file and its columns are known at execute, so the output
            // spec is left unset (unknown to KNIME until then)
            return;
        }
        final PassThrough[] kept = new PassThrough[1];
        FileLocations.withPath(location, fs == null ? Optional.empty() : fs.getFileSystemConnection(), path -> {
            requireKind(path, p.m_locationType, location);
            kept[0] = PassThrough.ofFiles(List.of(path), settings(p));
        });
        out.setOutSpecs(JobTables.spec(ReadJob.table(kept[0])));
    }

    /** The output of a table read: the crystal columns, then the kept input columns ({@link #keptColumns}). */
    private static DataTableSpec tableModeSpec(final DataTableSpec in, final List<Integer> kept) {
        final List<DataColumnSpec> specs = new ArrayList<>(JobTables.columnSpecs(ReadJob.TABLE.columns()));
        final List<String> names = PassThrough.names(kept.stream().map(i -> in.getColumnSpec(i).getName()).toList());
        for (int k = 0; k < kept.size(); k++) {
            specs.add(new DataColumnSpecCreator(names.get(k), in.getColumnSpec(kept.get(k)).getType()).createSpec());
        }
        return new DataTableSpec(specs.toArray(DataColumnSpec[]::new));
    }

    /** The input columns a table read keeps: all but the structure column, in order. */
    private static List<Integer> keptColumns(final DataTableSpec in, final int structure) {
        final List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < in.getNumColumns(); i++) {
            if (i != structure) {
                kept.add(i);
            }
        }
        return kept;
    }

    /**
     * @return the configured column, or the first string column when none is set (KNIME creates the settings of a
     *         node added before its input was connected without a spec, so the dialog's default is not there)
     */
    private static String column(final DataTableSpec spec, final String configured) throws InvalidSettingsException {
        final String column = configured == null || configured.isBlank()
            ? ReadCrystalsParameters.firstStringColumn(spec).orElseThrow(() -> new InvalidSettingsException(
                "The input table has no string column with CIF text, POSCAR text or formulas."))
            : configured;
        final int idx = spec.findColumnIndex(column);
        if (idx < 0) {
            throw new InvalidSettingsException("Structure column \"" + column + "\" is not in the input table.");
        }
        final DataColumnSpec col = spec.getColumnSpec(idx);
        if (!col.getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("Structure column \"" + column + "\" must be a string column (CIF,"
                + " POSCAR or formula text); it is " + col.getType() + ".");
        }
        return column;
    }

    private static FSLocation checkLocation(final ReadCrystalsParameters p, final boolean fileSystemConnected)
        throws InvalidSettingsException {
        final FSLocation location = p.location();
        final String what = p.m_locationType == LocationType.FOLDER ? "folder" : "file";
        if (location == FSLocation.NULL || location.getPath().isBlank()) {
            throw new InvalidSettingsException("Set the " + what + " to read, or connect a table.");
        }
        return FileLocations.check(location, what, fileSystemConnected);
    }

    private static void requireKind(final FSPath path, final LocationType type, final FSLocation location)
        throws InvalidSettingsException {
        if (!Files.exists(path)) {
            throw new InvalidSettingsException(FileLocations.describe(location) + " does not exist.");
        }
        if (type == LocationType.FOLDER && !Files.isDirectory(path)) {
            throw new InvalidSettingsException(FileLocations.describe(location) + " is not a folder (choose File to read a file).");
        }
        if (type == LocationType.FILE && Files.isDirectory(path)) {
            throw new InvalidSettingsException(FileLocations.describe(location) + " is a folder (choose Folder to read it).");
        }
    }

    private static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ReadCrystalsParameters p = in.getParameters();
        final ExecutionContext exec = in.getExecutionContext();
        final BufferedDataTable table = in.getInPortObject(ReadCrystalsParameters.TABLE_PORT);
        final FileSystemPortObject fs = in.getInPortObject(ReadCrystalsParameters.FILE_SYSTEM_PORT);
        final BufferedDataContainer[] c = new BufferedDataContainer[1];
        final ReadResult[] result = new ReadResult[1];
        try {
            if (table != null) {
                final DataTableSpec inSpec = table.getDataTableSpec();
                final int idx = inSpec.findColumnIndex(column(inSpec, p.m_column));
                final List<Integer> kept = keptColumns(inSpec, idx);
                c[0] = exec.createDataContainer(tableModeSpec(inSpec, kept));
                final int width = ReadJob.TABLE.size();
                final ReadJob job = new ReadJob(settings(p), (key, values) -> {
                    final List<DataCell> cells = JobTables.cells(values.subList(0, width), ReadJob.TABLE.columns());
                    values.subList(width, values.size()).forEach(v -> cells.add((DataCell)v));
                    c[0].addRowToTable(new DefaultRow(new RowKey(key), cells));
                }, Cancellation.monitor(exec));
                try (CloseableRowIterator it = table.iterator()) {
                    result[0] = job.cells(textCells(it, idx, kept), table.size());
                }
            } else {
                final FSLocation location = checkLocation(p, fs != null);
                final Optional<FSConnection> connection = fs == null ? Optional.empty() : fs.getFileSystemConnection();
                if (fs != null && connection.isEmpty()) {
                    throw new InvalidSettingsException("The file-system connection is not available; execute the"
                        + " connector node first.");
                }
                FileLocations.withPath(location, connection, path -> {
                    requireKind(path, p.m_locationType, location);
                    exec.setMessage("reading " + path.getFileName());
                    final ReadSettings settings = settings(p);
                    final PassThrough kept = PassThrough.ofFiles(List.of(path), settings);
                    final TableSchema schema = ReadJob.table(kept);
                    c[0] = exec.createDataContainer(JobTables.spec(schema));
                    final ReadJob job = new ReadJob(settings, kept, JobTables.sink(c[0], schema),
                        Cancellation.monitor(exec));
                    try {
                        result[0] = job.files(List.of(path), null);
                    } catch (java.io.UncheckedIOException | IOException e) {
                        throw new KNIMEException("Cannot read \"" + path + "\": " + e.getMessage(), e);
                    }
                });
            }
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        } catch (CrystalReadException e) {
            throw new KNIMEException(e.getMessage(), e);
        } catch (CancellationException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (IOException e) {
            throw new KNIMEException("Cannot write the crystal table: " + e.getMessage(), e);
        } catch (FileLocations.Failure e) {
            e.rethrow();
        }
        c[0].close();
        final ReadResult r = result[0];
        // what the read said about whole inputs (a file read as Latin-1), then the counts
        final List<String> warnings = new ArrayList<>(r.warnings());
        if (r.errors() > 0) {
            warnings.add(r.errors() + " of " + r.rows() + " inputs could not be read (see the error column); first: "
                + r.firstError());
        }
        if (r.misfits() > 0) {
            warnings.add(r.misfits() + " rows have a value left missing (see the warning column); first: "
                + r.firstMisfit());
        }
        if (r.skipped().count() > 0) {
            // what a folder or zip passed over (the lines genmat read prints), so nothing vanishes silently
            warnings.add(r.skipped().summary());
        }
        if (!warnings.isEmpty()) {
            out.setWarningMessage(String.join("\n", warnings));
        }
        out.setOutData(c[0].getTable());
    }

    /** The node's parameters as the read job's settings. */
    static ReadSettings settings(final ReadCrystalsParameters p) throws InvalidSettingsException {
        return EngineRange.settings(p, p::settings);
    }

    /**
     * The structure column's cells as the read job's input (row ID = source, missing cell = null text), each with
     * the row's cells of the kept columns.
     */
    private static Iterator<ReadJob.TextCell> textCells(final CloseableRowIterator rows, final int column,
        final List<Integer> kept) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public ReadJob.TextCell next() {
                final DataRow row = rows.next();
                final DataCell cell = row.getCell(column);
                final List<Object> keptCells = new ArrayList<>(kept.size());
                for (int i : kept) {
                    keptCells.add(row.getCell(i));
                }
                return new ReadJob.TextCell(row.getKey().getString(), cell.isMissing() ? null : Cells.text(cell),
                    keptCells);
            }
        };
    }
}
