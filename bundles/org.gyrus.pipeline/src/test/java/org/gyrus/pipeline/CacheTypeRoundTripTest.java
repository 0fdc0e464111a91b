package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedLongType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.XformCode;
import org.gyrus.nn.io.TensorData;
import org.gyrus.pipeline.internal.FileHashes;
import org.gyrus.pipeline.internal.WrittenFile;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A result that goes through the disk cache comes back of the same type with the same content:
 * every value type the disk tier stores, and volumes of every voxel type (extreme values included),
 * in one array or in cells. Volume sets come back lazy.
 */
class CacheTypeRoundTripTest {

    @TempDir
    Path dir;

    private int entries;

    private Object roundTrip(Object value) throws IOException {
        // A key names one result, and an entry is never replaced: each value gets a key of its own.
        String key = String.format("beef%04x", entries++);
        ResultCache.onDisk(dir, 1L << 30).put(key, Map.of("v", value));
        ResultCache restarted = ResultCache.onDisk(dir, 1L << 30);
        Object back = restarted.get(key).orElseThrow(() -> new AssertionError("not stored on disk: " + value)).get("v");
        if (!(value instanceof Number || value instanceof Boolean)) { // small boxed values are shared by Java itself
            assertNotSame(value, back);
        }
        return back;
    }

    /** Voxel types with a low, a high and a middle value of each type, exactly representable in it. */
    static Stream<Object[]> voxelTypes() {
        return Stream.of(
                new Object[] {new ByteType(), new double[] {-128, 127, -3}},
                new Object[] {new UnsignedByteType(), new double[] {0, 255, 1}},
                new Object[] {new ShortType(), new double[] {-32768, 32767, -300}},
                new Object[] {new UnsignedShortType(), new double[] {0, 65535, 40000}},
                new Object[] {new IntType(), new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 123456789}},
                new Object[] {new UnsignedIntType(), new double[] {0, 4294967295.0, 3000000000.0}},
                new Object[] {new LongType(), new double[] {-(1L << 53), 1L << 53, (1L << 40) + 1}},
                new Object[] {new UnsignedLongType(), new double[] {0, 1L << 53, (1L << 52) + 7}},
                new Object[] {new FloatType(), new double[] {-Float.MAX_VALUE, Float.MIN_VALUE, Double.NaN}},
                new Object[] {new DoubleType(), new double[] {-Double.MAX_VALUE, Double.MIN_VALUE, 0.1}});
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Img<? extends RealType<?>> image(RealType<?> type, boolean cells, double[] values, long... dims) {
        Img img = cells ? new CellImgFactory((NativeType) type, 2, 2, 1).create(dims) : new ArrayImgFactory((NativeType) type).create(dims);
        Cursor<? extends RealType<?>> c = Views.flatIterable((RandomAccessibleInterval<? extends RealType<?>>) img).cursor();
        for (int i = 0; c.hasNext(); i++) {
            c.next().setReal(values[i % values.length]);
        }
        return img;
    }

    private static List<Double> voxels(RandomAccessibleInterval<? extends RealType<?>> img) {
        List<Double> out = new ArrayList<>();
        Cursor<? extends RealType<?>> c = Views.flatIterable(img).cursor();
        while (c.hasNext()) {
            out.add(c.next().getRealDouble());
        }
        return out;
    }

    private static Volume volume(RealType<?> type, boolean cells, double[] values) {
        return Volume.builder(image(type, cells, values, 3, 2, 2))
                .affine(new Matrix4d().translation(-90, -126, -72).scale(2, 2, 3), XformCode.SCANNER_ANAT)
                .metadata("descrip", type.getClass().getSimpleName()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("voxelTypes")
    void volumesKeepTheirVoxelTypeAndValues(RealType<?> type, double[] values) throws IOException {
        for (boolean cells : new boolean[] {false, true}) {
            Volume v = volume(type, cells, values);
            Volume back = (Volume) roundTrip(v);
            assertSame(type.getClass(), back.image().getType().getClass(), "voxel type after the cache");
            assertEquals(voxels(v.image()), voxels(back.image()));
            assertArrayEquals(v.dimensions(), back.dimensions());
            assertEquals(v.affine(), back.affine());
            assertEquals(v.metadata(), back.metadata());
        }
    }

    @Test
    void aUint8MaskTakesOneByteAVoxelOnDisk() throws IOException {
        double[] mask = {0, 1, 1, 0};
        Volume small = Volume.builder(image(new UnsignedByteType(), false, mask, 64, 64, 16)).build();
        ResultCache.onDisk(dir, 1L << 30).put("beef02", Map.of("v", small));
        long bytes = ResultCache.onDisk(dir, 1L << 30).diskBytes();
        assertTrue(bytes >= 64 * 64 * 16 && bytes < 64 * 64 * 16 + 2048, () -> bytes + " bytes for 65536 uint8 voxels");
    }

    @Test
    void volumeSetsOfEveryVoxelTypeComeBackLazily() throws IOException {
        Map<String, Volume> m = new LinkedHashMap<>();
        voxelTypes().forEach(a -> m.put("sub-" + a[0].getClass().getSimpleName(), volume((RealType<?>) a[0], false, (double[]) a[1])));
        VolumeSet set = VolumeSet.of(m);
        VolumeSet back = (VolumeSet) roundTrip(set);
        assertEquals(set.ids(), back.ids());
        for (String id : set.ids()) {
            Volume v = back.get(id);
            assertSame(set.get(id).image().getType().getClass(), v.image().getType().getClass(), id);
            assertEquals(voxels(set.get(id).image()), voxels(v.image()), id);
            assertNotSame(v, back.get(id), "a lazy set loads anew on each access and keeps nothing");
        }
    }

    @Test
    void aVolumeSetFromTheCacheReadsItsVolumesWhenAskedNotBefore() throws IOException {
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8};
        VolumeSet set = VolumeSet.of(Map.of("sub-01", Volume.builder(a, 2, 2, 2).build()));
        ResultCache.onDisk(dir, 1 << 20).put("beef03", Map.of("v", set));
        VolumeSet back = (VolumeSet) ResultCache.onDisk(dir, 1 << 20).get("beef03").orElseThrow().get("v");
        // Changing the stored voxels after the set was read shows that the set reads them only on access.
        Path entry;
        try (Stream<Path> s = Files.walk(dir)) {
            entry = s.filter(p -> p.toString().endsWith(".gyc")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int at = -1;
        for (int i = 0; i + 32 <= bytes.length - 8; i++) {
            if (b.getFloat(i) == 1f && b.getFloat(i + 4) == 2f && b.getFloat(i + 28) == 8f) {
                at = i;
            }
        }
        assertTrue(at > 0, "voxels found in the entry");
        try (FileChannel ch = FileChannel.open(entry, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putFloat(0, 42f), at);
        }
        assertEquals(42f, back.get("sub-01").toFloatArray()[0]);
    }

    @Test
    void everyOtherValueTypeKeepsItsTypeAndContent() throws IOException {
        Table t = Table.of(new TextColumn("id", ColumnRole.ID, "s1", null), new NumericColumn("age", new double[] {31.5, Double.NaN}),
                new CategoricalColumn("sex", ColumnRole.GROUP, List.of("F", "M"), new int[] {1, CategoricalColumn.MISSING}));
        FeatureMatrix fm = new FeatureMatrix(new float[] {1, Float.NaN, -0f, 4}, List.of("a", "b"), List.of("x", "y"));
        Report r = Report.empty().withText("Summary", "ok").withMetrics("m", "m", Table.of(new NumericColumn("auc", new double[] {0.9})));
        ModelArtifact model = ModelArtifact.builder("pca").metadata("k", 2).tensor("w", TensorData.ofFloats(new float[] {1, 2}, 1, 2)).build();
        Path written = Files.writeString(dir.resolve("w.txt"), "x");
        WrittenFile wf = WrittenFile.of(written, List.of(written), new FileHashes());
        for (Object v : new Object[] {t, r, model, "héllo", 2.5, 2.5f, 3L, 7, true, false, wf}) {
            Object back = roundTrip(v);
            assertSame(v.getClass(), back.getClass(), v.getClass().getSimpleName());
            assertEquals(v instanceof Report rep ? rep.items() : v, back instanceof Report rep ? rep.items() : back);
        }
        FeatureMatrix fm2 = (FeatureMatrix) roundTrip(fm);
        assertArrayEquals(fm.toArray(), fm2.toArray());
        assertEquals(fm.rowIds(), fm2.rowIds());
        assertEquals(fm.featureNames(), fm2.featureNames());
    }
}
