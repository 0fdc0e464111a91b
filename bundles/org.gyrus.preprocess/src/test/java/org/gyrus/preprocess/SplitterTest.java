package org.gyrus.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SplitterTest {

    private static void assertPartition(Split s, int n) {
        Set<Integer> all = new HashSet<>();
        for (int i : s.train()) {
            assertTrue(all.add(i));
        }
        for (int i : s.test()) {
            assertTrue(all.add(i), "row " + i + " is in train and test");
        }
        assertEquals(n, all.size());
    }

    @Test
    void randomSplitHasCeilTestSizeAndIsSeeded() {
        Splitter s = new Splitter(Splitter.Mode.RANDOM, 42);
        Split a = s.trainTest(344, 0.25, null);
        assertEquals(86, a.test().length);
        assertEquals(258, a.train().length);
        assertPartition(a, 344);
        assertEquals(a, new Splitter(Splitter.Mode.RANDOM, 42).trainTest(344, 0.25, null));
        assertNotEquals(a, new Splitter(Splitter.Mode.RANDOM, 43).trainTest(344, 0.25, null));
        assertEquals(35, s.trainTest(344, 0.1, null).test().length);
    }

    @Test
    void stratifiedSplitKeepsClassShares() {
        Splitter.Keys species = Splitter.Keys.of(Penguins.table(), "species");
        Split sp = new Splitter(Splitter.Mode.STRATIFIED, 7).trainTest(344, 0.2, species);
        assertPartition(sp, 344);
        assertEquals(69, sp.test().length);
        // Codes in order of appearance: Adelie 152, Gentoo 124, Chinstrap 68 -> 30.49, 24.87, 13.64 of 69: 30, 25, 14.
        int[] perClass = new int[3];
        for (int i : sp.test()) {
            perClass[species.codes()[i]]++;
        }
        assertArrayEquals(new int[] {30, 25, 14}, perClass);
    }

    @Test
    void groupedSplitNeverSplitsAGroup() {
        int n = 100;
        int[] subject = new int[n];
        for (int i = 0; i < n; i++) {
            subject[i] = i / 4; // 25 subjects with 4 visits each
        }
        Splitter.Keys keys = Splitter.Keys.ofCodes("subject", subject);
        Split sp = new Splitter(Splitter.Mode.GROUPED, 1).trainTest(n, 0.2, keys);
        assertPartition(sp, n);
        Set<Integer> testSubjects = new HashSet<>();
        for (int i : sp.test()) {
            testSubjects.add(subject[i]);
        }
        for (int i : sp.train()) {
            assertTrue(!testSubjects.contains(subject[i]), "subject " + subject[i] + " straddles train and test");
        }
        assertEquals(5, testSubjects.size()); // ceil(0.2 * 25)
        for (Split f : new Splitter(Splitter.Mode.GROUPED, 3).kFold(n, 5, keys)) {
            assertEquals(20, f.test().length);
            Set<Integer> ts = new HashSet<>();
            for (int i : f.test()) {
                ts.add(subject[i]);
            }
            for (int i : f.train()) {
                assertTrue(!ts.contains(subject[i]));
            }
        }
    }

    @Test
    void kFoldSizesAndCoverage() {
        List<Split> folds = new Splitter(Splitter.Mode.RANDOM, 5).kFold(11, 3, null);
        assertEquals(3, folds.size());
        assertArrayEquals(new int[] {4, 4, 3}, folds.stream().mapToInt(f -> f.test().length).toArray());
        Set<Integer> tested = new HashSet<>();
        for (Split f : folds) {
            assertPartition(f, 11);
            for (int i : f.test()) {
                assertTrue(tested.add(i), "row " + i + " tested twice");
            }
        }
        assertEquals(11, tested.size());
    }

    @Test
    void stratifiedKFoldBalancesClasses() {
        Splitter.Keys species = Splitter.Keys.of(Penguins.table(), "species");
        List<Split> folds = new Splitter(Splitter.Mode.STRATIFIED, 11).kFold(344, 4, species);
        for (Split f : folds) {
            int[] perClass = new int[3];
            for (int i : f.test()) {
                perClass[species.codes()[i]]++;
            }
            assertEquals(38, perClass[0]); // 152 / 4
            assertEquals(31, perClass[1]); // Gentoo 124 / 4
            assertEquals(17, perClass[2]); // Chinstrap 68 / 4
        }
    }

    @Test
    void moreFoldsThanGroupsIsAnErrorNamingTheColumn() {
        Splitter.Keys islands = Splitter.Keys.of(Penguins.table(), "island");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Splitter(Splitter.Mode.GROUPED, 0).kFold(344, 5, islands));
        assertTrue(e.getMessage().contains("5 folds from 3 groups in column 'island'"), e.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new Splitter(Splitter.Mode.RANDOM, 0).kFold(3, 5, null));
        assertTrue(rows.getMessage().contains("5 folds of 3 rows"), rows.getMessage());
    }

    @Test
    void singletonClassCannotBeStratified() {
        Splitter.Keys keys = new Splitter.Keys("diagnosis", new int[] {0, 0, 0, 1}, List.of("control", "rare"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Splitter(Splitter.Mode.STRATIFIED, 0).trainTest(4, 0.5, keys));
        assertTrue(e.getMessage().contains("'rare' of column 'diagnosis'"), e.getMessage());
    }
}
