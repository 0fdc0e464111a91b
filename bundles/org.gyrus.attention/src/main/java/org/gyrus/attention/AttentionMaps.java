package org.gyrus.attention;

import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/**
 * What a transformer's [CLS] token attends to, for every sample: the raw [CLS]-to-token attention
 * of every layer and head, and the attention rollout over all layers ({@link AttentionRollout}).
 *
 * @param tokens  what each token stands for
 * @param layers  encoder layers L
 * @param heads   heads per layer H
 * @param cls     {@code cls[l][(sample * H + head) * T + token]}: [CLS]'s attention to each token (T tokens, [CLS] excluded)
 * @param rollout {@code rollout[sample][token]}
 */
public record AttentionMaps(List<String> tokens, int layers, int heads, double[][] cls, double[][] rollout) {

    /**
     * Runs the model on the samples and collects its attention.
     *
     * @param x the samples as the model's layout encodes them
     */
    public static AttentionMaps of(TransformerModel model, float[] x) {
        List<float[]> w = model.attention(x);
        int t = model.layout().tokens() + 1;
        int h = model.network().settings().heads();
        int n = w.get(0).length / (h * t * t);
        double[][] cls = new double[w.size()][n * h * (t - 1)];
        for (int l = 0; l < w.size(); l++) {
            for (int s = 0; s < n; s++) {
                for (int k = 0; k < h; k++) {
                    double[] row = AttentionRollout.clsRow(w.get(l), h, t, s, k);
                    System.arraycopy(row, 0, cls[l], (s * h + k) * (t - 1), t - 1);
                }
            }
        }
        double[][] rollout = new double[n][];
        for (int s = 0; s < n; s++) {
            rollout[s] = AttentionRollout.rollout(w, h, t, s);
        }
        return new AttentionMaps(model.layout().tokenNames(), w.size(), h, cls, rollout);
    }

    /** @return the number of samples */
    public int samples() {
        return rollout.length;
    }

    /** @return each token's rollout averaged over the samples */
    public double[] meanRollout() {
        double[] m = new double[tokens.size()];
        for (double[] r : rollout) {
            for (int j = 0; j < m.length; j++) {
                m[j] += r[j] / rollout.length;
            }
        }
        return m;
    }

    /**
     * All maps as one table, one row per sample and layer and head, then one rollout row per
     * sample: columns {@code id}, {@code layer} (1..L, or "rollout"), {@code head} (1..H, or
     * "mean"), and one column per token.
     */
    public Table table(List<String> ids) {
        int t = tokens.size();
        int rows = samples() * (layers * heads + 1);
        String[] id = new String[rows];
        String[] layer = new String[rows];
        String[] head = new String[rows];
        double[][] v = new double[t][rows];
        int r = 0;
        for (int s = 0; s < samples(); s++) {
            for (int l = 0; l < layers; l++) {
                for (int k = 0; k < heads; k++, r++) {
                    id[r] = ids.get(s);
                    layer[r] = Integer.toString(l + 1);
                    head[r] = Integer.toString(k + 1);
                    for (int j = 0; j < t; j++) {
                        v[j][r] = cls[l][(s * heads + k) * t + j];
                    }
                }
            }
            id[r] = ids.get(s);
            layer[r] = "rollout";
            head[r] = "mean";
            for (int j = 0; j < t; j++) {
                v[j][r] = rollout[s][j];
            }
            r++;
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new TextColumn("id", ColumnRole.ID, id));
        cols.add(new TextColumn("layer", ColumnRole.GROUP, layer));
        cols.add(new TextColumn("head", ColumnRole.GROUP, head));
        for (int j = 0; j < t; j++) {
            cols.add(NumericColumn.wrap(columnName(tokens.get(j)), ColumnRole.FEATURE, v[j]));
        }
        return new Table(cols);
    }

    private static String columnName(String token) {
        return switch (token) {
            case "id", "layer", "head" -> "token_" + token;
            default -> token;
        };
    }

    /**
     * The attribution of each token: its rollout averaged over the samples, its share of the total,
     * and its rank (1 = most attended).
     */
    public Table attribution() {
        double[] m = meanRollout();
        double total = 0;
        for (double v : m) {
            total += v;
        }
        double[] share = new double[m.length];
        double[] rank = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            share[j] = total > 0 ? m[j] / total : 0;
            int above = 0;
            for (double o : m) {
                if (o > m[j]) {
                    above++;
                }
            }
            rank[j] = above + 1;
        }
        return Table.of(new TextColumn("token", ColumnRole.ID, tokens.toArray(String[]::new)),
                NumericColumn.wrap("attribution", ColumnRole.FEATURE, m), NumericColumn.wrap("share", ColumnRole.FEATURE, share),
                NumericColumn.wrap("rank", ColumnRole.FEATURE, rank));
    }
}
