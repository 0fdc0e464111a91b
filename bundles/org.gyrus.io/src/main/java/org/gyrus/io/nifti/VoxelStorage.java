package org.gyrus.io.nifti;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.img.NativeImg;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.cell.Cell;
import net.imglib2.img.cell.CellImg;
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

/**
 * A freshly allocated image and its primitive arrays in file order (x fastest), so readers can
 * fill it with bulk copies. Up to {@code arrayLimit} values it is one array image; beyond, a cell
 * image whose cells are whole rows/planes/slabs, which makes each cell one contiguous run of the
 * file — so a volume over 2^31 values is read straight into place with no extra copy.
 */
final class VoxelStorage {

    /** Cells of at most this many values (64 MiB of floats). */
    static final long CELL_LIMIT = 1L << 24;

    final NativeImg<? extends RealType<?>, ?> image;
    final VoxelKind kind;
    final List<Object> arrays;

    private VoxelStorage(NativeImg<? extends RealType<?>, ?> image, VoxelKind kind, List<Object> arrays) {
        this.image = image;
        this.kind = kind;
        this.arrays = arrays;
    }

    static VoxelStorage allocate(VoxelKind kind, long[] dims, long arrayLimit) {
        return switch (kind) {
            case INT8 -> allocate(new ByteType(), kind, dims, arrayLimit);
            case UINT8 -> allocate(new UnsignedByteType(), kind, dims, arrayLimit);
            case INT16 -> allocate(new ShortType(), kind, dims, arrayLimit);
            case UINT16 -> allocate(new UnsignedShortType(), kind, dims, arrayLimit);
            case INT32 -> allocate(new IntType(), kind, dims, arrayLimit);
            case UINT32 -> allocate(new UnsignedIntType(), kind, dims, arrayLimit);
            case INT64 -> allocate(new LongType(), kind, dims, arrayLimit);
            case UINT64 -> allocate(new UnsignedLongType(), kind, dims, arrayLimit);
            case FLOAT32 -> allocate(new FloatType(), kind, dims, arrayLimit);
            case FLOAT64 -> allocate(new DoubleType(), kind, dims, arrayLimit);
        };
    }

    private static <T extends NativeType<T> & RealType<T>> VoxelStorage allocate(T type, VoxelKind kind, long[] dims, long arrayLimit) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        if (n <= arrayLimit) {
            NativeImg<T, ?> img = new ArrayImgFactory<>(type).create(dims);
            return new VoxelStorage(img, kind, List.of(((ArrayDataAccess<?>) img.update(null)).getCurrentStorageArray()));
        }
        CellImg<T, ?> img = new CellImgFactory<>(type, contiguousCell(dims, Math.min(arrayLimit, CELL_LIMIT))).create(dims);
        List<Object> arrays = new ArrayList<>();
        for (Cell<?> cell : img.getCells()) {
            arrays.add(((ArrayDataAccess<?>) cell.getData()).getCurrentStorageArray());
        }
        return new VoxelStorage(img, kind, arrays);
    }

    /**
     * A cell shape [d0, ..., d(k-1), s, 1, ..., 1] of at most {@code limit} values: whole lower
     * dimensions and a slab of the next one, so that the cells tile the file in order.
     */
    static int[] contiguousCell(long[] dims, long limit) {
        int[] cell = new int[dims.length];
        long prod = 1;
        int k = 0;
        while (k < dims.length && prod * dims[k] <= limit) {
            cell[k] = (int) dims[k];
            prod *= dims[k];
            k++;
        }
        if (k < dims.length) {
            cell[k] = (int) Math.max(1, limit / prod);
            for (int i = k + 1; i < dims.length; i++) {
                cell[i] = 1;
            }
        }
        return cell;
    }

    static int length(Object array) {
        return java.lang.reflect.Array.getLength(array);
    }
}
