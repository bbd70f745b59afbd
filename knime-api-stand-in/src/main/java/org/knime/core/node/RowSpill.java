package org.knime.core.node;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataType;
import org.knime.core.data.MissingCell;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;

/**
 * Stand-in only: rows written to a temporary file, as KNIME writes a table to disk once it outgrows the memory it
 * may keep (so nodes that stream their tables run in bounded memory here too, and tests can show it).
 */
final class RowSpill {

    private static final byte MISSING = 0;

    private static final byte STRING = 1;

    private static final byte DOUBLE = 2;

    private static final byte INT = 3;

    private static final byte LONG = 4;

    private static final byte BOOLEAN = 5;

    private static final byte SERIALIZED = 6;

    private RowSpill() {
    }

    static Path newFile() {
        try {
            final Path f = Files.createTempFile("standin-table-", ".bin");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DataOutputStream writer(final Path file) {
        try {
            return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DataInputStream reader(final Path file) {
        try {
            return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(final DataOutputStream out, final DataRow row) {
        try {
            out.writeUTF(row.getKey().getString());
            out.writeInt(row.getNumCells());
            for (int i = 0; i < row.getNumCells(); i++) {
                writeCell(out, row.getCell(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCell(final DataOutputStream out, final DataCell c) throws IOException {
        if (c.isMissing()) {
            out.writeByte(MISSING);
            final String error = c instanceof MissingCell m ? m.getError() : null;
            out.writeBoolean(error != null);
            if (error != null) {
                out.writeUTF(error);
            }
        } else if (c instanceof StringCell s) {
            out.writeByte(STRING);
            final byte[] utf8 = s.getStringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (c instanceof DoubleCell d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d.getDoubleValue());
        } else if (c instanceof IntCell n) {
            out.writeByte(INT);
            out.writeInt(n.getIntValue());
        } else if (c instanceof LongCell n) {
            out.writeByte(LONG);
            out.writeLong(n.getLongValue());
        } else if (c instanceof BooleanCell b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b.getBooleanValue());
        } else {
            out.writeByte(SERIALIZED);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                o.writeObject(c);
            }
            out.writeInt(bytes.size());
            bytes.writeTo(out);
        }
    }

    static DataRow read(final DataInputStream in) {
        try {
            final RowKey key = new RowKey(in.readUTF());
            final DataCell[] cells = new DataCell[in.readInt()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = readCell(in);
            }
            return new DefaultRow(key, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataCell readCell(final DataInputStream in) throws IOException {
        final byte tag = in.readByte();
        switch (tag) {
            case MISSING:
                return in.readBoolean() ? new MissingCell(in.readUTF()) : DataType.getMissingCell();
            case STRING:
                final byte[] utf8 = new byte[in.readInt()];
                in.readFully(utf8);
                return new StringCell(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
            case DOUBLE:
                return new DoubleCell(in.readDouble());
            case INT:
                return new IntCell(in.readInt());
            case LONG:
                return new LongCell(in.readLong());
            case BOOLEAN:
                return BooleanCell.BooleanCellFactory.create(in.readBoolean());
            default:
                final byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                    return (DataCell)o.readObject();
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
        }
    }

    /** 64-bit FNV-1a hash of a row key (the duplicate check keeps 8 bytes per spilled row, not the key). */
    static long hash(final String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
