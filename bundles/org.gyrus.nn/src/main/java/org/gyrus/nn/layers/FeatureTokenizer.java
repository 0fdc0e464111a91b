package org.gyrus.nn.layers;

import java.util.Map;
import java.util.Random;
import org.gyrus.nn.Tensor;

/**
 * The FT-Transformer's feature tokenizer (Gorishniy et al. 2021): one token per table column.
 * A numeric feature {@code x_j} becomes {@code x_j * numeric_weight[j] + numeric_bias[j]}; a
 * categorical feature with {@code k_j} categories looks up row {@code category_offsets[j] + code}
 * of {@code category_embeddings.weight} and adds {@code category_bias[j]}. Each categorical
 * feature has one extra row, after its categories, for a missing or unknown code.
 *
 * <p>Input {@code [N, n_numeric + n_categorical]}: the numeric values first, then the category
 * codes (0 to {@code k_j - 1}, as floats; NaN, negative or larger codes take the extra row).
 * Output {@code [N, n_numeric + n_categorical, d_token]}.
 */
public final class FeatureTokenizer extends Module {

    private final int numeric;
    private final int[] categories;
    private final int dToken;
    private final Tensor numericWeight;
    private final Tensor numericBias;
    private final Embedding categoryEmbeddings;
    private final Tensor categoryBias;
    private final int[] offsets;

    /**
     * Creates the tokenizer with rtdl's initialisation: every weight uniform in
     * {@code ±1/sqrt(d_token)}.
     *
     * @param numeric    number of numeric features
     * @param categories the number of categories of each categorical feature (may be empty)
     * @param dToken     token width
     * @param random     seeded source for the initial weights
     */
    public FeatureTokenizer(int numeric, int[] categories, int dToken, Random random) {
        if (numeric < 0 || numeric + categories.length == 0 || dToken < 1) {
            throw new IllegalArgumentException("a feature tokenizer needs at least one feature and a positive width, got "
                    + numeric + " numeric, " + categories.length + " categorical, width " + dToken);
        }
        this.numeric = numeric;
        this.categories = categories.clone();
        this.dToken = dToken;
        double bound = 1 / Math.sqrt(dToken);
        if (numeric > 0) {
            numericWeight = parameter("numeric_weight", Tensor.zeros(numeric, dToken));
            numericBias = parameter("numeric_bias", Tensor.zeros(numeric, dToken));
            Init.uniform(numericWeight, -bound, bound, random);
            Init.uniform(numericBias, -bound, bound, random);
        } else {
            numericWeight = null;
            numericBias = null;
        }
        offsets = new int[categories.length];
        if (categories.length > 0) {
            float[] off = new float[categories.length];
            int rows = 0;
            for (int j = 0; j < categories.length; j++) {
                if (categories[j] < 1) {
                    throw new IllegalArgumentException("categorical feature " + j + " has " + categories[j] + " categories");
                }
                offsets[j] = rows;
                off[j] = rows;
                rows += categories[j] + 1;
            }
            categoryBias = parameter("category_bias", Tensor.zeros(categories.length, dToken));
            Init.uniform(categoryBias, -bound, bound, random);
            buffer("category_offsets", Tensor.wrap(off, categories.length), true);
            categoryEmbeddings = child("category_embeddings", new Embedding(rows, dToken, random));
            Init.uniform(categoryEmbeddings.namedParameters().get("weight"), -bound, bound, random);
        } else {
            categoryBias = null;
            categoryEmbeddings = null;
        }
    }

    /** @return the number of tokens: one per feature */
    public int tokens() {
        return numeric + categories.length;
    }

    @Override
    public Tensor forward(Tensor x) {
        int features = tokens();
        if (x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException("the feature tokenizer takes [N, " + features + "] rows (" + numeric
                    + " numeric, " + categories.length + " categorical), got " + java.util.Arrays.toString(x.shape()));
        }
        int n = x.dim(0);
        Tensor num = null;
        if (numeric > 0) {
            Tensor values = numeric == features ? x : x.slice(1, 0, numeric);
            num = values.reshape(n, numeric, 1).mul(numericWeight.reshape(1, numeric, dToken))
                    .add(numericBias.reshape(1, numeric, dToken));
        }
        if (categories.length == 0) {
            return num;
        }
        float[] v = x.data();
        int[] idx = new int[n * categories.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < categories.length; j++) {
                float c = v[i * features + numeric + j];
                int code = Float.isNaN(c) || c < 0 || c >= categories[j] ? categories[j] : (int) c;
                idx[i * categories.length + j] = offsets[j] + code;
            }
        }
        Tensor cat = categoryEmbeddings.lookup(idx, n, categories.length)
                .add(categoryBias.reshape(1, categories.length, dToken));
        return num == null ? cat : Tensor.concat(1, num, cat);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("FeatureTokenizer", "n_numeric", numeric, "categories", categories, "d_token", dToken);
    }

    static FeatureTokenizer build(Options o) {
        o.allow("n_numeric", "categories", "d_token");
        return new FeatureTokenizer(o.integer("n_numeric"), o.has("categories") ? o.intList("categories") : new int[0],
                o.integer("d_token"), new Random(0));
    }
}
