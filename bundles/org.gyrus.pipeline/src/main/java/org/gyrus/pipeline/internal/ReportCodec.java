package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.gyrus.data.Report;

/** A {@link Report}: its items in order, each a kind byte, then text, a metrics table or PNG bytes
 * and SVG bytes (length -1 when none; version 2). */
final class ReportCodec implements ValueCodec<Report> {

    private static final byte TEXT = 0;
    private static final byte METRICS = 1;
    private static final byte FIGURE = 2;

    private final TableCodec tables = new TableCodec();

    @Override public String id() { return "report"; }
    @Override public int version() { return 2; }
    @Override public Class<Report> type() { return Report.class; }

    @Override
    public void write(Report r, DataOutputStream out) throws IOException {
        out.writeInt(r.items().size());
        for (Report.Item item : r.items()) {
            if (item instanceof Report.Text t) {
                out.writeByte(TEXT);
                Binary.writeString(out, t.title());
                Binary.writeString(out, t.body());
            } else if (item instanceof Report.Metrics m) {
                out.writeByte(METRICS);
                Binary.writeString(out, m.title());
                Binary.writeString(out, m.name());
                tables.write(m.table(), out);
            } else if (item instanceof Report.Figure f) {
                out.writeByte(FIGURE);
                Binary.writeString(out, f.title());
                Binary.writeString(out, f.name());
                Binary.writeString(out, f.caption());
                byte[] png = f.png();
                out.writeInt(png.length);
                out.write(png);
                byte[] svg = f.svg();
                out.writeInt(svg == null ? -1 : svg.length);
                if (svg != null) {
                    out.write(svg);
                }
            }
        }
    }

    @Override
    public Report read(DataInputStream in) throws IOException {
        int n = Binary.checkLength(in.readInt());
        Report r = Report.empty();
        for (int i = 0; i < n; i++) {
            byte kind = in.readByte();
            switch (kind) {
                case TEXT -> r = r.withText(Binary.readString(in), Binary.readString(in));
                case METRICS -> r = r.withMetrics(Binary.readString(in), Binary.readString(in), tables.read(in));
                case FIGURE -> {
                    String title = Binary.readString(in);
                    String name = Binary.readString(in);
                    String caption = Binary.readString(in);
                    byte[] png = in.readNBytes(Binary.checkLength(in.readInt()));
                    int svgLength = in.readInt();
                    r = r.withFigure(title, name, caption, png, svgLength < 0 ? null : in.readNBytes(svgLength));
                }
                default -> throw new IOException("unknown report item kind " + kind);
            }
        }
        return r;
    }
}
