package org.gyrus.io.nifti;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.zip.ZipException;

import org.gyrus.data.SpatialUnit;
import org.gyrus.data.TemporalUnit;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.gyrus.nn.linalg.Parallel;

/**
 * Reads NIfTI-1, NIfTI-2 and Analyze 7.5 images ({@code .nii}, {@code .nii.gz}, {@code .hdr/.img}
 * pairs, gzipped or not, any case) into {@link Volume}s, interpreting the header as nibabel does.
 *
 * <p>Unscaled data keep their stored type (uint8 stays uint8); scaled data become float32 (float64
 * for 32/64-bit integers and float64 sources, where float32 would lose digits). Complex and RGB
 * voxels put their components on the fifth axis. Images over 2^31 values become cell images filled
 * in place. Every malformed file gives a {@link NiftiFormatException} naming the file and field.
 */
public final class NiftiReader {

    /** The type of the voxels in memory. */
    public enum OutputType {
        /** The stored type when unscaled, else float32 (float64 for wide sources). */
        NATIVE,
        /** Always float32, scaled. */
        FLOAT32,
        /** Always float64, scaled. */
        FLOAT64
    }

    private static final System.Logger LOG = System.getLogger(NiftiReader.class.getName());
    /** Plain files from this size on are decoded on all cores. */
    static final long PARALLEL_COPY = 16L << 20;
    /** Bytes decoded at a time when streaming (a multiple of every voxel size). */
    static final int CHUNK = 1 << 22;
    /** An extension block larger than this is taken for a corrupt vox_offset. */
    private static final long MAX_EXTENSION_BLOCK = 1L << 28;
    /** The largest expansion deflate can achieve (258-byte matches coded in 2 bits, plus slack). */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private NiftiReader() {
    }

    /**
     * The bytes the voxels of {@code h} take in memory when read as {@code type} — what the memory
     * check of {@link #read(Path, OutputType)} compares with the free heap.
     */
    public static long memoryNeeded(NiftiHeader h, OutputType type, Path file) throws NiftiFormatException {
        return MemoryCheck.needed(h, targetKind(h, type), file);
    }

    /** Reads only the header and extensions of the image at {@code path}. */
    public static NiftiHeader readHeader(Path path) throws IOException {
        NiftiPaths paths = NiftiPaths.of(path);
        try (InputStream in = NiftiPaths.open(paths.header())) {
            return readHeaderBlock(in, paths);
        } catch (ZipException | EOFException e) {
            throw gzipError(paths.header(), e);
        }
    }

    /**
     * The files of the image named by {@code path}: the file itself, or the header and the image of
     * a {@code .hdr}/{@code .img} pair, whichever half is named (what the cache keys and the
     * provenance record list).
     *
     * @throws IOException if the file, or the other half of a pair, is missing
     */
    public static List<Path> files(Path path) throws IOException {
        NiftiPaths p = NiftiPaths.of(path);
        return p.pair() ? List.of(p.header(), p.image()) : List.of(p.header());
    }

    /** Reads the image at {@code path} with {@link OutputType#NATIVE} voxels. */
    public static Volume read(Path path) throws IOException {
        return read(path, OutputType.NATIVE);
    }

    /** Reads the image at {@code path} with voxels of the given type. */
    public static Volume read(Path path, OutputType type) throws IOException {
        return read(path, type, Integer.MAX_VALUE - 8L);
    }

    /** As {@link #read(Path, OutputType)}, using cell images above {@code arrayLimit} values (tests lower it). */
    static Volume read(Path path, OutputType type, long arrayLimit) throws IOException {
        return read(path, type, arrayLimit, false);
    }

    /**
     * Reads the stored values as they are, unscaled and in their stored type (for statistics of the
     * scaled data in double precision, as {@code gyrus info} takes them, and checks against raw-data
     * digests). It loads exactly the files that {@link #read(Path)} loads: the memory check is made
     * for the NATIVE voxels, never smaller than the stored ones.
     */
    public static Volume readStored(Path path) throws IOException {
        return read(path, OutputType.NATIVE, Integer.MAX_VALUE - 8L, true);
    }

    private static Volume read(Path path, OutputType type, long arrayLimit, boolean stored) throws IOException {
        NiftiPaths paths = NiftiPaths.of(path);
        Path dataFile = paths.image();
        boolean gz = NiftiPaths.isGzip(dataFile);
        NiftiHeader h;
        VoxelStorage storage;
        try (InputStream in = NiftiPaths.open(paths.header())) {
            h = readHeaderBlock(in, paths);
            for (String w : h.warnings) {
                // DEBUG: the warnings reach the researcher through the volume's metadata, which Read
                // Volume logs and gyrus info prints; logging them here too would say everything twice.
                LOG.log(System.Logger.Level.DEBUG, w);
            }
            storage = allocate(h, type, arrayLimit, dataFile, stored);
            long bytes = h.voxelCount() * h.datatype().bytesPerVoxel();
            if (!gz) {
                readMapped(h, storage, dataFile, bytes, stored);
            } else if (!paths.pair()) {
                readStream(h, storage, in, dataFile, bytes, stored);
                drain(in);
            } else {
                try (InputStream img = NiftiPaths.open(dataFile)) {
                    long skipped = skip(img, h.voxOffset());
                    if (skipped < h.voxOffset()) {
                        throw new NiftiFormatException(dataFile, "vox_offset", "vox_offset " + h.voxOffset()
                                + " is past the end of the data (" + skipped + " bytes)");
                    }
                    readStream(h, storage, img, dataFile, bytes, stored);
                    drain(img);
                }
            }
        } catch (ZipException | EOFException e) {
            throw gzipError(dataFile, e);
        }
        return toVolume(h, storage, path);
    }

    private static NiftiFormatException gzipError(Path file, IOException e) {
        return new NiftiFormatException(file, "gzip stream", (e instanceof EOFException ? "truncated gzip data: " : "corrupt gzip data: ")
                + e.getMessage(), e);
    }

    /**
     * Reads what follows the voxels (normally nothing): gzip checks a member's CRC and length only
     * when its end is reached, so this is what detects a corrupt trailer. Trailing bytes are allowed.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        while (total < (1 << 20)) {
            int r = in.read(buf);
            if (r < 0) {
                return;
            }
            total += r;
        }
    }

    private static long skip(InputStream in, long n) throws IOException {
        long done = 0;
        byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
        while (done < n) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /**
     * Reads the header and extensions from the start of {@code in}, leaving a single file's stream
     * at {@code vox_offset}.
     */
    private static NiftiHeader readHeaderBlock(InputStream in, NiftiPaths paths) throws IOException {
        Path file = paths.header();
        byte[] head = new byte[NiftiHeaderCodec.NIFTI1_SIZE];
        int n = NiftiPaths.readFully(in, head, 0, head.length);
        if (n >= 4 && n == head.length) {
            int le = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            if (le == NiftiHeaderCodec.NIFTI2_SIZE || Integer.reverseBytes(le) == NiftiHeaderCodec.NIFTI2_SIZE) {
                head = Arrays.copyOf(head, NiftiHeaderCodec.NIFTI2_SIZE);
                n += NiftiPaths.readFully(in, head, n, head.length - n);
            }
        }
        NiftiHeader h = NiftiHeaderCodec.parse(head, n, file, !paths.pair());
        if (h.singleFile == paths.pair() && h.format != NiftiHeader.Format.ANALYZE) {
            h.warnings.add(file + ": the magic says " + (h.singleFile ? "single file" : "pair") + " but the file is "
                    + (paths.pair() ? "a .hdr/.img pair" : "a single file"));
        }
        long blockLength;
        if (paths.pair()) {
            blockLength = MAX_EXTENSION_BLOCK; // extensions run to the end of the .hdr file
        } else {
            blockLength = h.voxOffset() - h.sizeofHdr();
        }
        byte[] extender = new byte[4];
        int e = NiftiPaths.readFully(in, extender, 0, (int) Math.min(4, blockLength));
        if (e == 4 && extender[0] != 0) {
            if (!paths.pair() && blockLength > MAX_EXTENSION_BLOCK) {
                throw new NiftiFormatException(file, "vox_offset", "vox_offset " + h.voxOffset()
                        + " leaves an implausible " + blockLength + "-byte extension block");
            }
            byte[] block = paths.pair() ? in.readNBytes((int) MAX_EXTENSION_BLOCK) : new byte[(int) blockLength];
            int read;
            if (paths.pair()) {
                block = concat(extender, block);
                read = block.length;
            } else {
                System.arraycopy(extender, 0, block, 0, 4);
                read = 4 + NiftiPaths.readFully(in, block, 4, block.length - 4);
                if (read < blockLength) {
                    throw new NiftiFormatException(file, "vox_offset", "vox_offset " + h.voxOffset()
                            + " is past the end of the file (" + (h.sizeofHdr() + read) + " bytes)");
                }
            }
            h.extensions = NiftiHeaderCodec.parseExtensions(block, read, h.bigEndian, file);
        } else if (!paths.pair() && blockLength > e) {
            long skipped = skip(in, blockLength - e);
            if (skipped < blockLength - e) {
                // Only a problem when there are voxels to read: the caller reports it then.
                h.warnings.add(file + ": vox_offset " + h.voxOffset() + " is past the end of the file");
            }
        }
        return h;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The in-memory shape: the header's shape, with colour/complex components on the fifth axis. */
    static long[] volumeShape(NiftiHeader h, Path file) throws NiftiFormatException {
        long[] shape = h.shape();
        int rank = shape.length;
        while (rank > Volume.MAX_DIMENSIONS) {
            if (shape[rank - 1] != 1) {
                throw new NiftiFormatException(file, "dim[" + rank + "]", "the image has " + shape.length
                        + " dimensions of which dimension " + rank + " has size " + shape[rank - 1]
                        + "; volumes have at most 5 (x, y, z, t, components)");
            }
            rank--;
        }
        shape = Arrays.copyOf(shape, rank);
        int comps = h.datatype().components();
        if (comps == 1) {
            return shape;
        }
        if (rank == 5 && shape[4] != 1) {
            throw new NiftiFormatException(file, "dim[5]", h.datatype().label()
                    + " voxels need the fifth axis for their components, but dim[5] is " + shape[4]);
        }
        long[] out = new long[5];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, 0, Math.min(rank, 4));
        out[4] = comps;
        return out;
    }

    static VoxelKind targetKind(NiftiHeader h, OutputType type) {
        VoxelKind source = VoxelKind.componentOf(h.datatype());
        return switch (type) {
            case FLOAT32 -> VoxelKind.FLOAT32;
            case FLOAT64 -> VoxelKind.FLOAT64;
            case NATIVE -> {
                if (!h.isScaled()) {
                    yield source;
                }
                yield switch (source) {
                    case INT32, UINT32, INT64, UINT64, FLOAT64 -> VoxelKind.FLOAT64;
                    default -> VoxelKind.FLOAT32;
                };
            }
        };
    }

    private static VoxelStorage allocate(NiftiHeader h, OutputType type, long arrayLimit, Path dataFile, boolean stored) throws IOException {
        long[] shape = volumeShape(h, dataFile);
        VoxelKind kind = stored ? VoxelKind.componentOf(h.datatype()) : targetKind(h, type);
        long values = h.voxelCount() * h.datatype().components();
        // Stored values never take more room than the NATIVE ones: checking for those makes
        // gyrus info (which reads the stored values) load exactly what Read Volume loads.
        VoxelKind budget = stored ? targetKind(h, OutputType.NATIVE) : kind;
        MemoryCheck.require(h, budget, MemoryCheck.needed(h, budget, dataFile), dataFile);
        if (h.datatype().components() > 1 && values > arrayLimit) {
            throw new NiftiFormatException(dataFile, "dim", h.datatype().label() + " images over " + arrayLimit
                    + " values are not supported");
        }
        long bytes = h.voxelCount() * h.datatype().bytesPerVoxel();
        if (NiftiPaths.isGzip(dataFile)) {
            // Deflate expands at most 1032:1, so a small .gz cannot hold a large image: refuse before allocating it.
            long compressed = Files.size(dataFile);
            if (compressed < (Long.MAX_VALUE - 1024) / MAX_DEFLATE_RATIO
                    && h.voxOffset() + bytes > compressed * MAX_DEFLATE_RATIO + 1024) {
                throw new NiftiFormatException(dataFile, "data", "truncated data: the image needs " + bytes
                        + " bytes of voxels but " + compressed + " bytes of gzip cannot inflate to that many");
            }
        } else {
            long size = Files.size(dataFile);
            if (h.voxOffset() > size) {
                throw new NiftiFormatException(dataFile, "vox_offset", "vox_offset " + h.voxOffset()
                        + " is past the end of the file (" + size + " bytes)");
            }
            if (size - h.voxOffset() < bytes) {
                throw new NiftiFormatException(dataFile, "data", "truncated data: the image needs " + bytes
                        + " bytes from offset " + h.voxOffset() + " but the file has only " + (size - h.voxOffset()));
            }
        }
        return VoxelStorage.allocate(kind, shape, arrayLimit);
    }

    /** Fills the storage from an uncompressed file through memory-mapped windows. */
    private static void readMapped(NiftiHeader h, VoxelStorage storage, Path file, long bytes, boolean stored) throws IOException {
        if (storage.arrays.size() == 1 && h.datatype().components() == 1 && bytes >= PARALLEL_COPY) {
            readMappedInParallel(h, storage, file, bytes, stored);
            return;
        }
        Filler filler = new Filler(h, storage, stored);
        long window = (1L << 30) / 16 * 16;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long done = 0; done < bytes; done += window) {
                long len = Math.min(window, bytes - done);
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, h.voxOffset() + done, len);
                filler.accept(map, (int) len);
            }
        }
        filler.finish();
    }

    /**
     * One array, one value per voxel: the mapped file is cut into one part per thread of the budget
     * and each part decoded into its own range of the array, so page faults and conversion run in
     * parallel.
     */
    private static void readMappedInParallel(NiftiHeader h, VoxelStorage storage, Path file, long bytes, boolean stored) throws IOException {
        VoxelKind source = VoxelKind.componentOf(h.datatype());
        VoxelDecoder decoder = new VoxelDecoder(source, storage.kind, h.isScaled() && !stored, h.slope(), h.intercept());
        ByteOrder order = h.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Object array = storage.arrays.get(0);
        long values = bytes / source.bytes;
        int parts = (int) Math.max(1, Math.min(Parallel.threads(), values / (1 << 20)));
        // Each part: at most 1 GiB of mapping at a time, values never split.
        long perPart = (values + parts - 1) / parts;
        long window = (1L << 30) / source.bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Parallel.forParts(parts, p -> {
                long first = p * perPart;
                long end = Math.min(values, first + perPart);
                try {
                    for (long v = first; v < end; v += window) {
                        int n = (int) Math.min(window, end - v);
                        MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, h.voxOffset() + v * source.bytes, (long) n * source.bytes);
                        decoder.decode(map.order(order), n, array, (int) v);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A buffer of inflated bytes handed from the inflating thread to the decoding one. */
    private record Chunk(byte[] data, int length, IOException error) {
        static final Chunk END = new Chunk(null, 0, null);
    }

    /**
     * Fills the storage from a stream positioned at the voxels. Large gzipped images are inflated
     * on a second thread of the thread budget, when one is free, while this one converts, so the
     * two overlap.
     */
    private static void readStream(NiftiHeader h, VoxelStorage storage, InputStream in, Path file, long bytes, boolean stored) throws IOException {
        Filler filler = new Filler(h, storage, stored);
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(3);
        BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(4);
        Future<?> inflater = bytes < 4L * CHUNK ? null : Parallel.tryStart(() -> inflate(in, bytes, free, full));
        long done = 0;
        if (inflater == null) {
            byte[] buf = new byte[(int) Math.min(CHUNK, bytes)];
            while (done < bytes) {
                int want = (int) Math.min(buf.length, bytes - done);
                int got = NiftiPaths.readFully(in, buf, 0, want);
                done += got;
                if (got < want) {
                    throw truncated(file, h, done, bytes);
                }
                filler.accept(ByteBuffer.wrap(buf, 0, got), got);
            }
            filler.finish();
            return;
        }
        for (int i = 0; i < 3; i++) {
            free.add(new byte[CHUNK]);
        }
        try {
            while (true) {
                Chunk c = full.take();
                if (c.error != null) {
                    throw c.error;
                }
                if (c == Chunk.END) {
                    break;
                }
                done += c.length;
                filler.accept(ByteBuffer.wrap(c.data, 0, c.length), c.length);
                free.put(c.data);
                if (done < bytes && c.length < c.data.length) {
                    throw truncated(file, h, done, bytes);
                }
            }
            if (done < bytes) {
                throw truncated(file, h, done, bytes);
            }
            filler.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while reading " + file);
        } finally {
            inflater.cancel(true);
        }
    }

    /** Reads {@code bytes} from {@code in} into free buffers and hands them on full, then {@link Chunk#END}. */
    private static void inflate(InputStream in, long bytes, BlockingQueue<byte[]> free, BlockingQueue<Chunk> full) {
        long read = 0;
        try {
            while (read < bytes) {
                byte[] buf = free.take();
                int want = (int) Math.min(buf.length, bytes - read);
                int got = NiftiPaths.readFully(in, buf, 0, want);
                read += got;
                full.put(new Chunk(buf, got, null));
                if (got < want) {
                    break;
                }
            }
            full.put(Chunk.END);
        } catch (IOException e) {
            putQuietly(full, new Chunk(null, 0, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void putQuietly(BlockingQueue<Chunk> q, Chunk c) {
        try {
            q.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static NiftiFormatException truncated(Path file, NiftiHeader h, long got, long bytes) {
        return new NiftiFormatException(file, "data", "truncated data: the image needs " + bytes
                + " bytes of voxels after vox_offset " + h.voxOffset() + " but the file ends after " + got);
    }

    /**
     * Decodes consecutive runs of stored bytes into the storage arrays in order, carrying a
     * partial voxel value over from one run to the next.
     */
    private static final class Filler {
        private final VoxelStorage storage;
        private final VoxelDecoder decoder;
        private final ByteOrder order;
        private final int valueBytes;
        private final int components;
        private final long voxels;
        private final byte[] carry;
        private int carried;
        private int array;
        private int pos;
        private long value;

        Filler(NiftiHeader h, VoxelStorage storage, boolean stored) {
            this.storage = storage;
            VoxelKind source = VoxelKind.componentOf(h.datatype());
            this.decoder = new VoxelDecoder(source, storage.kind, h.isScaled() && !stored, h.slope(), h.intercept());
            this.order = h.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            this.valueBytes = source.bytes;
            this.components = h.datatype().components();
            this.voxels = h.voxelCount();
            this.carry = new byte[valueBytes];
        }

        void accept(ByteBuffer buf, int length) {
            int off = 0;
            if (carried > 0) {
                int take = Math.min(valueBytes - carried, length);
                buf.get(0, carry, carried, take);
                carried += take;
                off = take;
                if (carried == valueBytes) {
                    put(ByteBuffer.wrap(carry).order(order), 1);
                    carried = 0;
                }
            }
            int whole = (length - off) / valueBytes;
            int at = off;
            int left = whole;
            while (left > 0) {
                int n = components == 1 ? Math.min(left, VoxelStorage.length(storage.arrays.get(array)) - pos) : left;
                put(buf.slice(at, n * valueBytes).order(order), n);
                at += n * valueBytes;
                left -= n;
            }
            int rest = length - at;
            if (rest > 0) {
                buf.get(at, carry, 0, rest);
                carried = rest;
            }
        }

        /** Decodes {@code n} values; interleaved components go to their place on the last axis. */
        private void put(ByteBuffer src, int n) {
            if (components == 1) {
                decoder.decode(src, n, storage.arrays.get(array), pos);
                pos += n;
                if (pos == VoxelStorage.length(storage.arrays.get(array)) && array + 1 < storage.arrays.size()) {
                    array++;
                    pos = 0;
                }
                return;
            }
            Object dst = storage.arrays.get(0);
            Object tmp = java.lang.reflect.Array.newInstance(dst.getClass().getComponentType(), n);
            decoder.decode(src, n, tmp, 0);
            // Value number v is component v % c of voxel v / c; components are the slowest axis in memory.
            int c = components;
            long v0 = value;
            if (tmp instanceof byte[] t) {
                byte[] d = (byte[]) dst;
                for (int i = 0; i < n; i++) {
                    long v = v0 + i;
                    d[(int) ((v % c) * voxels + v / c)] = t[i];
                }
            } else if (tmp instanceof float[] t) {
                float[] d = (float[]) dst;
                for (int i = 0; i < n; i++) {
                    long v = v0 + i;
                    d[(int) ((v % c) * voxels + v / c)] = t[i];
                }
            } else {
                double[] t = (double[]) tmp;
                double[] d = (double[]) dst;
                for (int i = 0; i < n; i++) {
                    long v = v0 + i;
                    d[(int) ((v % c) * voxels + v / c)] = t[i];
                }
            }
            value += n;
        }

        void finish() {
            // Every byte was checked by the callers; a partial value left over would be a bug there.
            if (carried != 0) {
                throw new IllegalStateException("A partial voxel value was left over");
            }
        }
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Builds the volume: affine and code as nibabel chooses, voxel sizes, units and the header fields. */
    private static Volume toVolume(NiftiHeader h, VoxelStorage storage, Path path) {
        Volume.Builder b = Volume.builder(storage.image);
        XformCode code = XformCode.of(h.bestAffineCode());
        org.joml.Matrix4d affine = h.bestAffine();
        b.affine(affine, code);
        int n = storage.image.numDimensions();
        double[] sizes = new double[n];
        Arrays.fill(sizes, 1.0);
        int stored = Math.min(n, h.rank());
        for (int i = 0; i < stored && i < 7; i++) {
            double p = Math.abs(h.pixdim[i + 1]);
            if (p == 0 || !Double.isFinite(p)) {
                // An unset or corrupt voxel size: the length of the affine's axis when it has one, else 1.
                double axis = i < 3 ? Math.sqrt(sq(affine.getRowColumn(0, i)) + sq(affine.getRowColumn(1, i)) + sq(affine.getRowColumn(2, i))) : 0;
                p = axis > 0 && Double.isFinite(axis) ? axis : 1.0;
            }
            sizes[i] = p;
        }
        if (h.datatype().components() > 1) {
            sizes[n - 1] = 1.0;
        }
        b.voxelSizes(sizes);
        if (h.format() == NiftiHeader.Format.ANALYZE) {
            b.units(SpatialUnit.MM, TemporalUnit.UNKNOWN);
        } else {
            b.units(SpatialUnit.of(h.xyztUnits() & 0x07), TemporalUnit.of(h.xyztUnits() & 0x38));
        }
        b.metadata(NiftiMetadata.FORMAT, h.format().name());
        b.metadata(NiftiMetadata.DATATYPE, h.datatype().label());
        b.metadata(NiftiMetadata.BIG_ENDIAN, Boolean.toString(h.isBigEndian()));
        b.metadata(NiftiMetadata.DESCRIP, h.descrip());
        b.metadata(NiftiMetadata.AUX_FILE, h.auxFile());
        b.metadata(NiftiMetadata.INTENT_CODE, Integer.toString(h.intentCode()));
        b.metadata(NiftiMetadata.INTENT_NAME, h.intentName());
        b.metadata(NiftiMetadata.INTENT_PARAMETERS, h.intentP[0] + "," + h.intentP[1] + "," + h.intentP[2]);
        b.metadata(NiftiMetadata.DIM_INFO, Integer.toString(h.dimInfo()));
        b.metadata(NiftiMetadata.XYZT_UNITS, Integer.toString(h.xyztUnits()));
        b.metadata(NiftiMetadata.CAL_MIN, Double.toString(h.calMin()));
        b.metadata(NiftiMetadata.CAL_MAX, Double.toString(h.calMax()));
        b.metadata(NiftiMetadata.TOFFSET, Double.toString(h.toffset()));
        b.metadata(NiftiMetadata.SLICE_TIMING, h.sliceStart() + "," + h.sliceEnd() + "," + h.sliceCode() + "," + h.sliceDuration());
        b.metadata(NiftiMetadata.SCALING, h.slope() + "," + h.intercept());
        b.metadata(NiftiMetadata.QFORM_CODE, Integer.toString(h.qformCode()));
        b.metadata(NiftiMetadata.SFORM_CODE, Integer.toString(h.sformCode()));
        b.metadata(NiftiMetadata.SOURCE, path.toString());
        List<NiftiExtension> ext = h.extensions();
        for (int i = 0; i < ext.size(); i++) {
            b.metadata(NiftiMetadata.EXTENSION_PREFIX + i, NiftiMetadata.encodeExtension(ext.get(i)));
        }
        List<String> warnings = h.warnings();
        for (int i = 0; i < warnings.size(); i++) {
            b.metadata(NiftiMetadata.WARNING_PREFIX + i, warnings.get(i));
        }
        return b.build();
    }
}
