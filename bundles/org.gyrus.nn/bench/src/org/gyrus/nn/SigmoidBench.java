package org.gyrus.nn;

import java.util.Random;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sigmoid of 256×784 values (one W4 batch): {@link VectorMath}'s deterministic polynomial exp
 * against the Vector API's own {@code EXP} (SVML once compiled), interleaved in one JVM, 8 rounds
 * of 200 calls each. Run: {@code bench/run.sh} builds the classes, then
 * {@code java --add-modules jdk.incubator.vector -cp /tmp/gyrus-nn-bench-classes org.gyrus.nn.SigmoidBench}.
 */
public final class SigmoidBench {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SigmoidBench() {
    }

    private static void vectorApiSigmoid(float[] x, float[] y) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < S.loopBound(x.length); i += S.length()) {
            FloatVector e = FloatVector.fromArray(S, x, i).neg().lanewise(VectorOperators.EXP);
            one.div(one.add(e)).intoArray(y, i);
        }
    }

    public static void main(String[] args) {
        float[] x = new float[256 * 784];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * 4;
        }
        float[] y = new float[x.length];
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 200; k++) {
                vectorApiSigmoid(x, y);
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < 200; k++) {
                VectorMath.sigmoid(x, y, 0, x.length);
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: Vector API EXP %.3f ms, VectorMath %.3f ms per 256x784 sigmoid%n",
                    round, (t1 - t0) / 200e6, (t2 - t1) / 200e6);
        }
    }
}
