package org.gyrus.reduce;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the kernels of this bundle use: the widest the CPU runs natively (512 bits
 * with AVX-512, 256 with AVX2), never narrower than 256 bits, whose register tiles the kernels are
 * written for. {@code -Dgyrus.reduce.vectorBits=256} forces 256 bits (to compare, or where wide
 * vectors lower the clock).
 */
final class Species {

    private static final int BITS = choose();

    /** Float vectors. */
    static final VectorSpecies<Float> FLOAT = BITS == 512 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    /** Double vectors. */
    static final VectorSpecies<Double> DOUBLE = BITS == 512 ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_256;

    private Species() {
    }

    private static int choose() {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        int bits = Integer.getInteger("gyrus.reduce.vectorBits", preferred);
        return bits >= 512 && preferred >= 512 ? 512 : 256;
    }
}
