package org.gyrus.io.table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The distinct values of a column, looked up by their UTF-8 bytes without making a String per
 * cell; gives up (returns -1) once it holds more than its capacity, which marks a column with too
 * many values to be categorical.
 */
final class ByteDictionary {

    private final int capacity;
    /** Allocated on the first value, so that a table of many columns costs little per column. */
    private byte[][] keys;
    private int[] codes;
    private final List<byte[]> levels = new ArrayList<>(0);
    private boolean overflowed;

    ByteDictionary(int capacity) {
        this.capacity = capacity;
    }

    /** The code of {@code b[start, end)}, added if new; -1 once the dictionary has overflowed. */
    int code(byte[] b, int start, int end) {
        if (overflowed) {
            return -1;
        }
        if (keys == null) {
            keys = new byte[4][];
            codes = new int[4];
        }
        int h = hash(b, start, end);
        int mask = keys.length - 1;
        for (int slot = h & mask;; slot = (slot + 1) & mask) {
            byte[] k = keys[slot];
            if (k == null) {
                if (levels.size() >= capacity) {
                    overflowed = true;
                    return -1;
                }
                byte[] key = Arrays.copyOfRange(b, start, end);
                keys[slot] = key;
                codes[slot] = levels.size();
                levels.add(key);
                if (levels.size() * 2 > keys.length) {
                    grow();
                }
                return levels.size() - 1;
            }
            if (Arrays.equals(k, 0, k.length, b, start, end)) {
                return codes[slot];
            }
        }
    }

    /** Marks the dictionary as having too many values (when merged parts together have). */
    void markOverflowed() {
        overflowed = true;
    }

    boolean overflowed() {
        return overflowed;
    }

    int size() {
        return levels.size();
    }

    /** The bytes of level {@code i}. */
    byte[] level(int i) {
        return levels.get(i);
    }

    List<String> levels() {
        List<String> out = new ArrayList<>(levels.size());
        for (byte[] l : levels) {
            out.add(new String(l, StandardCharsets.UTF_8));
        }
        return out;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldCodes = codes;
        keys = new byte[oldKeys.length * 2][];
        codes = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                codes[slot] = oldCodes[i];
            }
        }
    }

    private static int hash(byte[] b, int start, int end) {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
