package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.FittedBy;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.TrainingRows;

/**
 * A {@link Table}: per column its kind, name, role and cells (levels and codes for categories), then
 * the fitted models that shaped it with their training rows (hashes; version 2).
 */
final class TableCodec implements ValueCodec<Table> {

    private static final byte NUMERIC = 0;
    private static final byte CATEGORICAL = 1;
    private static final byte TEXT = 2;

    @Override public String id() { return "table"; }
    @Override public int version() { return 2; }
    @Override public Class<Table> type() { return Table.class; }

    @Override
    public void write(Table t, DataOutputStream out) throws IOException {
        out.writeInt(t.columnCount());
        out.writeInt(t.rowCount());
        for (Column c : t.columns()) {
            if (c instanceof NumericColumn n) {
                out.writeByte(NUMERIC);
                header(c, out);
                Binary.writeDoubles(out, n.toArray());
            } else if (c instanceof CategoricalColumn k) {
                out.writeByte(CATEGORICAL);
                header(c, out);
                out.writeInt(k.levels().size());
                for (String l : k.levels()) {
                    Binary.writeString(out, l);
                }
                Binary.writeInts(out, k.codes());
            } else if (c instanceof TextColumn x) {
                out.writeByte(TEXT);
                header(c, out);
                for (int r = 0; r < x.size(); r++) {
                    Binary.writeString(out, x.get(r));
                }
            }
        }
        out.writeInt(t.fittedBy().size());
        for (FittedBy f : t.fittedBy()) {
            Binary.writeString(out, f.model());
            writeLongs(out, f.rows().idHashes());
            long[] subjects = f.rows().subjectHashes();
            out.writeBoolean(subjects != null);
            if (subjects != null) {
                writeLongs(out, subjects);
            }
        }
    }

    private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
        out.writeInt(a.length);
        for (long v : a) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] a = new long[Binary.checkLength(in.readInt())];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readLong();
        }
        return a;
    }

    private static void header(Column c, DataOutputStream out) throws IOException {
        Binary.writeString(out, c.name());
        Binary.writeString(out, c.role().name());
    }

    @Override
    public Table read(DataInputStream in) throws IOException {
        int cols = Binary.checkLength(in.readInt());
        int rows = Binary.checkLength(in.readInt());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < cols; i++) {
            byte kind = in.readByte();
            String name = Binary.readString(in);
            ColumnRole role = ColumnRole.valueOf(Binary.readString(in));
            switch (kind) {
                case NUMERIC -> columns.add(NumericColumn.wrap(name, role, Binary.readDoubles(in)));
                case CATEGORICAL -> {
                    int n = Binary.checkLength(in.readInt());
                    List<String> levels = new ArrayList<>();
                    for (int l = 0; l < n; l++) {
                        levels.add(Binary.readString(in));
                    }
                    columns.add(new CategoricalColumn(name, role, levels, Binary.readInts(in)));
                }
                case TEXT -> {
                    String[] v = new String[rows];
                    for (int r = 0; r < rows; r++) {
                        v[r] = Binary.readString(in);
                    }
                    columns.add(new TextColumn(name, role, v));
                }
                default -> throw new IOException("unknown column kind " + kind);
            }
        }
        Table t = new Table(columns);
        int fitted = Binary.checkLength(in.readInt());
        for (int i = 0; i < fitted; i++) {
            String model = Binary.readString(in);
            long[] ids = readLongs(in);
            long[] subjects = in.readBoolean() ? readLongs(in) : null;
            t = t.withFittedBy(new FittedBy(model, TrainingRows.ofHashes(ids, subjects)));
        }
        return t;
    }
}
