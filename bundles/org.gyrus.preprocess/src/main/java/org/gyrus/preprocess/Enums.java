package org.gyrus.preprocess;

import java.util.Arrays;
import java.util.Locale;

/** Parses scikit-learn's lower-case option names into enum constants, with a helpful error. */
final class Enums {

    private Enums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String s, String option) {
        String key = s.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown " + option + " '" + s + "'; use one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
