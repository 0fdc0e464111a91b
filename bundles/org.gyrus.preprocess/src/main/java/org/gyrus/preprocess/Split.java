package org.gyrus.preprocess;

import java.util.Arrays;

/**
 * One split of row indices into a training and a test part, each ascending (row order is kept:
 * a split decides membership, not order).
 */
public record Split(int[] train, int[] test) {

    /** A split; the arrays are copied and sorted. */
    public Split {
        train = train.clone();
        test = test.clone();
        Arrays.sort(train);
        Arrays.sort(test);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(s.train, train) && Arrays.equals(s.test, test);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(train) * 31 + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[" + train.length + " train, " + test.length + " test]";
    }
}
