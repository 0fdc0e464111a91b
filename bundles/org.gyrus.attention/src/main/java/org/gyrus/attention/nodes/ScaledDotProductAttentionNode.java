package org.gyrus.attention.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

import org.gyrus.attention.Figures;
import org.gyrus.attention.ScaledDotProductAttention;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.nn.io.TensorData;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Scaled dot-product attention on tables of token vectors: the weights, the outputs and a heat map. */
@Component(service = NodeType.class)
public final class ScaledDotProductAttentionNode implements NodeType {

    /** How queries, keys and values are made from the tables. */
    public enum Projection {
        /** The tables' vectors as they are (Q = K = V = X for one table, as in the lecture's example). */
        IDENTITY,
        /** Seeded random projections of 'Width' columns, initialised as PyTorch's MultiheadAttention (Xavier uniform, zero bias). */
        RANDOM,
        /** The learned projections of the first layer of a transformer trained by 'Transformer (fit)' (input 'model'). */
        MODEL
    }

    /** Parameters. */
    public static final class Parameters {
        /** Projection. */
        @Parameter(label = "Projection", description = "IDENTITY, RANDOM (seeded) or MODEL (a trained transformer's first-layer projections)")
        public Projection projection = Projection.IDENTITY;
        /** Width of random projections. */
        @Parameter(label = "Width", description = "RANDOM: the projections' width d_k", min = "1", max = "4096")
        public int width = 8;
        /** Temperature. */
        @Parameter(label = "Temperature", description = "Divides the scaled scores: above 1 flattens the weights, below 1 sharpens them",
                min = "0.000001", max = "1000000")
        public double temperature = 1.0;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.attention.scaled-dot-product", "1.0.0")
            .name("Scaled dot-product attention")
            .category(NodeSupport.CATEGORY)
            .documentation("""
                    The attention of the lecture, step by step: weights = softmax(Q Kᵀ / (√d_k · temperature) + mask), \
                    output = weights · V. Each row of the tables is a token (named by its id column), its numeric feature \
                    columns the token's vector. Without 'keys' the queries' table is used, without 'values' the keys'. \
                    The projections make Q, K and V from the rows: IDENTITY takes them as they are; RANDOM multiplies by \
                    seeded random matrices initialised as PyTorch's MultiheadAttention; MODEL uses the learned projections \
                    (in_proj_weight, in_proj_bias) of the first layer of a trained transformer, whose width the rows must \
                    have. A 'mask' table (one row per query, one numeric column per key) blocks a key where it holds 0.""")
            .input("queries", Table.class, "One row per query token: its vector in the numeric feature columns")
            .optionalInput("keys", Table.class, "One row per key token (default: the queries)")
            .optionalInput("values", Table.class, "One row per key token: the values (default: the keys)")
            .optionalInput("mask", Table.class, "One row per query, one numeric column per key: 0 blocks, anything else allows")
            .optionalInput("model", ModelArtifact.class, "With projection MODEL: a transformer trained by 'Transformer (fit)'")
            .output("weights", Table.class, "The attention weights: one row per query, one column per key; rows sum to 1")
            .output("output", Table.class, "weights · V: one row per query")
            .output("report", Report.class, "The weights as a heat map, the scores and the outputs")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    private record Tokens(List<String> names, double[][] vectors) {
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table qt = context.input("queries", Table.class);
        Table kt = context.optionalInput("keys", Table.class).orElse(qt);
        Table vt = context.optionalInput("values", Table.class).orElse(kt);
        Tokens q = tokens(qt, "queries");
        Tokens k = tokens(kt, "keys");
        Tokens v = tokens(vt, "values");
        if (v.vectors.length != k.vectors.length) {
            throw new IllegalArgumentException("The 'values' table has " + v.vectors.length + " rows but there are " + k.vectors.length
                    + " keys: one value row per key is needed");
        }
        double[][][] proj = projections(p, context, q.vectors[0].length, k.vectors[0].length, v.vectors[0].length);
        double[][] qx = apply(q.vectors, proj[0], proj[3] == null ? null : proj[3][0]);
        double[][] kx = apply(k.vectors, proj[1], proj[3] == null ? null : proj[3][1]);
        double[][] vx = apply(v.vectors, proj[2], proj[3] == null ? null : proj[3][2]);
        boolean[][] allowed = context.optionalInput("mask", Table.class).map(m -> mask(m, q.names.size(), k.names.size())).orElse(null);
        ScaledDotProductAttention.Result r = ScaledDotProductAttention.compute(qx, kx, vx, allowed, p.temperature);
        Table weights = matrix(q.names, k.names, r.weights());
        List<String> outNames = new ArrayList<>();
        for (int c = 0; c < r.output()[0].length; c++) {
            outNames.add("out_" + (c + 1));
        }
        Table output = matrix(q.names, outNames, r.output());
        context.output("weights", weights);
        context.output("output", output);
        Report report = Report.empty().withText("Scaled dot-product attention", String.format(Locale.ROOT,
                        "%d queries attend over %d keys; d_k = %d, projection %s, temperature %.4g: weights = softmax(Q Kᵀ / %.4f%s).",
                        q.names.size(), k.names.size(), qx[0].length, p.projection, p.temperature, Math.sqrt(qx[0].length) * p.temperature,
                        allowed == null ? "" : " + mask"))
                .withFigure("Attention weights", "attention_weights", "softmax(Q Kᵀ / √d_k): row = query, column = key",
                        Figures.heatMap("Attention weights (rows sum to 1)", r.weights(), q.names, k.names))
                .withMetrics("Scores Q Kᵀ", "scores", matrix(q.names, k.names, r.scores()))
                .withMetrics("Attention weights", "weights", weights)
                .withMetrics("Output (weights · V)", "output", output);
        context.output("report", report);
        context.progress(1);
    }

    private static Tokens tokens(Table t, String port) {
        List<NumericColumn> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c.role() == ColumnRole.FEATURE && c instanceof NumericColumn n) {
                cols.add(n);
            }
        }
        if (cols.isEmpty() || t.rowCount() == 0) {
            throw new IllegalArgumentException("The '" + port + "' table needs rows and at least one numeric feature column; its columns are "
                    + t.columnNames());
        }
        double[][] x = new double[t.rowCount()][cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            for (int i = 0; i < x.length; i++) {
                x[i][j] = cols.get(j).get(i);
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("The '" + port + "' table's column '" + cols.get(j).name() + "' is missing or not finite in row "
                            + (i + 1));
                }
            }
        }
        return new Tokens(FeatureMatrix.rowIdsOf(t), x);
    }

    /** Q, K, V projection matrices ([out][in], null = identity) and biases (index 3, or null). */
    private static double[][][] projections(Parameters p, NodeContext context, int dq, int dk, int dv) {
        switch (p.projection) {
            case IDENTITY:
                return new double[4][][];
            case RANDOM: {
                if (dq != dk) {
                    throw new IllegalArgumentException("RANDOM projections need queries and keys of one width; they have " + dq + " and " + dk);
                }
                Random random = new Random(context.seed());
                return new double[][][] {xavier(p.width, dq, random), xavier(p.width, dk, random), xavier(p.width, dv, random), null};
            }
            default: {
                ModelArtifact a = context.optionalInput("model", ModelArtifact.class).orElseThrow(() -> new IllegalArgumentException(
                        "Projection MODEL needs a transformer on the 'model' input"));
                TensorData w = a.tensor("layers.0.self_attn.in_proj_weight");
                TensorData b = a.tensor("layers.0.self_attn.in_proj_bias");
                int e = (int) w.shape()[1];
                if (dq != e || dk != e || dv != e) {
                    throw new IllegalArgumentException("The model's first layer projects vectors of width " + e + ", but the tables have widths "
                            + dq + ", " + dk + ", " + dv);
                }
                float[] wf = w.toFloats();
                float[] bf = b.toFloats();
                double[][][] out = new double[4][][];
                out[3] = new double[3][e];
                for (int part = 0; part < 3; part++) {
                    out[part] = new double[e][e];
                    for (int r = 0; r < e; r++) {
                        for (int c = 0; c < e; c++) {
                            out[part][r][c] = wf[(part * e + r) * e + c];
                        }
                        out[3][part][r] = bf[part * e + r];
                    }
                }
                return out;
            }
        }
    }

    private static double[][] xavier(int out, int in, Random random) {
        double bound = Math.sqrt(6.0 / (in + out));
        double[][] w = new double[out][in];
        for (double[] row : w) {
            for (int c = 0; c < in; c++) {
                row[c] = (2 * random.nextDouble() - 1) * bound;
            }
        }
        return w;
    }

    private static double[][] apply(double[][] x, double[][] w, double[] bias) {
        if (w == null) {
            return x;
        }
        double[][] y = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < w.length; o++) {
                double s = bias == null ? 0 : bias[o];
                for (int c = 0; c < x[i].length; c++) {
                    s += w[o][c] * x[i][c];
                }
                y[i][o] = s;
            }
        }
        return y;
    }

    private static boolean[][] mask(Table m, int t, int s) {
        List<NumericColumn> cols = new ArrayList<>();
        for (Column c : m.columns()) {
            if (c instanceof NumericColumn n && c.role() != ColumnRole.ID) {
                cols.add(n);
            }
        }
        if (m.rowCount() != t || cols.size() != s) {
            throw new IllegalArgumentException("The 'mask' table must have " + t + " rows (queries) and " + s + " numeric columns (keys); it has "
                    + m.rowCount() + " rows and " + cols.size() + " numeric columns");
        }
        boolean[][] a = new boolean[t][s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                double v = cols.get(j).get(i);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("The 'mask' table's column '" + cols.get(j).name() + "' is missing in row " + (i + 1));
                }
                a[i][j] = v != 0;
            }
        }
        return a;
    }

    private static Table matrix(List<String> rows, List<String> columns, double[][] values) {
        List<Column> cols = new ArrayList<>();
        cols.add(new TextColumn("token", ColumnRole.ID, rows.toArray(String[]::new)));
        java.util.Set<String> used = new java.util.HashSet<>(List.of("token"));
        for (int j = 0; j < columns.size(); j++) {
            double[] c = new double[rows.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = values[i][j];
            }
            String name = columns.get(j);
            while (!used.add(name)) {
                name = name + "_" + (j + 1);
            }
            cols.add(NumericColumn.wrap(name, ColumnRole.FEATURE, c));
        }
        return new Table(cols);
    }
}
