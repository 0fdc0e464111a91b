package org.gyrus.attention;

/**
 * How a transformer is built and trained.
 *
 * @param depth              encoder layers
 * @param heads              attention heads per layer (must divide the width)
 * @param width              token width d_model
 * @param feedForward        hidden width of each layer's feed-forward block
 * @param dropout            dropout on attention weights, feed-forward and residual branches, and tokens
 * @param normFirst          pre-norm (layer norm before attention and feed-forward) rather than post-norm
 * @param learningRate       AdamW's peak learning rate
 * @param weightDecay        AdamW's decoupled weight decay
 * @param warmupEpochs       epochs of linear warm-up to the peak rate, followed by cosine decay to zero
 * @param epochs             the most epochs
 * @param batchSize          samples per step
 * @param validationFraction share of samples held out (seeded) for early stopping, 0 for none
 * @param patience           epochs without a better validation loss before stopping (0: never stop early)
 * @param balancedClassWeights weigh each class's loss by {@code n / (classes × count)} (classification only)
 * @param regression         predict a number (mean squared error) rather than a class (cross-entropy)
 */
public record TransformerSettings(int depth, int heads, int width, int feedForward, double dropout, boolean normFirst, double learningRate,
                                  double weightDecay, int warmupEpochs, int epochs, int batchSize, double validationFraction, int patience,
                                  boolean balancedClassWeights, boolean regression) {

    /**
     * @throws IllegalArgumentException naming the setting out of range
     */
    public TransformerSettings {
        if (depth < 1 || heads < 1 || width < 1 || width % heads != 0) {
            throw new IllegalArgumentException("Depth and heads must be at least 1 and the width (" + width + ") divisible by the heads (" + heads + ")");
        }
        if (feedForward < 1 || !(dropout >= 0 && dropout < 1) || !(learningRate > 0) || !(weightDecay >= 0) || warmupEpochs < 0
                || epochs < 1 || batchSize < 1 || !(validationFraction >= 0 && validationFraction < 1) || patience < 0) {
            throw new IllegalArgumentException("Transformer settings out of range: feed-forward " + feedForward + ", dropout " + dropout
                    + ", learning rate " + learningRate + ", weight decay " + weightDecay + ", warm-up " + warmupEpochs + ", epochs " + epochs
                    + ", batch size " + batchSize + ", validation fraction " + validationFraction + ", patience " + patience);
        }
        if (warmupEpochs >= epochs) {
            throw new IllegalArgumentException("The warm-up (" + warmupEpochs + " epochs) must be shorter than the training (" + epochs + " epochs)");
        }
    }
}
