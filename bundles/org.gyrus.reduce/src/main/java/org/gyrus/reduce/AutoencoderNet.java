package org.gyrus.reduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Activation;
import org.gyrus.nn.layers.Dropout;
import org.gyrus.nn.layers.Linear;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.Sequential;

/**
 * The network of an {@link Autoencoder}: a dense encoder to the code and a mirrored dense decoder,
 * built from the engine's layers. Parameter names follow PyTorch ({@code encoder.0.weight}, …), so
 * an {@code nn.Module} with {@code encoder}/{@code decoder} {@code nn.Sequential}s of the same
 * layers loads the weights. In training mode the input is corrupted first (denoising) and the code
 * of the last forward pass is kept for the sparsity penalty.
 */
final class AutoencoderNet extends Module {

    /** Input corruption of a denoising autoencoder. */
    enum Noise {
        /** Clean inputs. */
        NONE,
        /** Adds N(0, level²) to every input. */
        GAUSSIAN,
        /** Sets each input to 0 with probability level (Vincent et al.'s masking noise). */
        MASKING
    }

    private final Sequential encoder;
    private final Sequential decoder;
    private final Noise noise;
    private final float noiseLevel;
    private final Random noiseRandom;
    private Tensor lastCode;

    /**
     * @param inputs           input features
     * @param layers           encoder widths, the last one the code
     * @param dropout          dropout after every hidden activation (0: none)
     */
    AutoencoderNet(int inputs, int[] layers, String activation, String codeActivation, String outputActivation, double dropout,
                   Noise noise, double noiseLevel, long seed) {
        Random init = new Random(seed);
        Random drop = new Random(seed * 31 + 17);
        this.noise = noise;
        this.noiseLevel = (float) noiseLevel;
        this.noiseRandom = new Random(seed * 31 + 29);
        List<Module> enc = new ArrayList<>();
        int in = inputs;
        for (int i = 0; i < layers.length; i++) {
            enc.add(new Linear(in, layers[i], init));
            addActivation(enc, i == layers.length - 1 ? codeActivation : activation);
            if (dropout > 0) {
                enc.add(new Dropout((float) dropout, drop));
            }
            in = layers[i];
        }
        List<Module> dec = new ArrayList<>();
        for (int i = layers.length - 2; i >= 0; i--) {
            dec.add(new Linear(in, layers[i], init));
            addActivation(dec, activation);
            if (dropout > 0) {
                dec.add(new Dropout((float) dropout, drop));
            }
            in = layers[i];
        }
        dec.add(new Linear(in, inputs, init));
        addActivation(dec, outputActivation);
        this.encoder = child("encoder", new Sequential(enc.toArray(Module[]::new)));
        this.decoder = child("decoder", new Sequential(dec.toArray(Module[]::new)));
    }

    /** The activation names understood, "linear" meaning none. */
    static final List<String> ACTIVATIONS = List.of("relu", "leaky_relu", "elu", "gelu", "silu", "tanh", "sigmoid", "softplus", "linear");

    private static void addActivation(List<Module> layers, String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "relu" -> layers.add(Activation.relu());
            case "leaky_relu" -> layers.add(Activation.leakyRelu(0.01f));
            case "elu" -> layers.add(Activation.elu());
            case "gelu" -> layers.add(Activation.gelu());
            case "silu" -> layers.add(Activation.silu());
            case "tanh" -> layers.add(Activation.tanh());
            case "sigmoid" -> layers.add(Activation.sigmoid());
            case "softplus" -> layers.add(Activation.softplus());
            case "linear", "identity", "none" -> { } // no module: keeps the parameter names of a plain Linear stack
            default -> throw new IllegalArgumentException("Unknown activation '" + name + "'; use one of " + ACTIVATIONS);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = isTraining() ? corrupt(input) : input;
        lastCode = encoder.forward(x);
        return decoder.forward(lastCode);
    }

    /** The code of the input (no corruption: call in evaluation mode). */
    Tensor encode(Tensor input) {
        return encoder.forward(input);
    }

    /** The reconstruction of a code. */
    Tensor decode(Tensor code) {
        return decoder.forward(code);
    }

    /** The code computed by the last {@link #forward}. */
    Tensor lastCode() {
        return lastCode;
    }

    private Tensor corrupt(Tensor input) {
        if (noise == Noise.NONE || noiseLevel == 0) {
            return input;
        }
        float[] x = input.toArray();
        for (int i = 0; i < x.length; i++) {
            if (noise == Noise.GAUSSIAN) {
                x[i] += (float) (noiseLevel * noiseRandom.nextGaussian());
            } else if (noiseRandom.nextFloat() < noiseLevel) {
                x[i] = 0;
            }
        }
        return Tensor.wrap(x, input.shape());
    }
}
