package org.gyrus.io.nifti;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary layouts of the NIfTI-1, NIfTI-2 and Analyze 7.5 headers and their extensions: parsing
 * with every field checked, and encoding. Offsets are those of nifti1.h and nifti2.h.
 */
final class NiftiHeaderCodec {

    static final int NIFTI1_SIZE = 348;
    static final int NIFTI2_SIZE = 540;
    private static final byte[] MAGIC2_TAIL = {'\r', '\n', 0x1a, '\n'};

    private NiftiHeaderCodec() {
    }

    /**
     * Parses the header at the start of {@code bytes} (which may hold more than the header).
     *
     * @param singleFileExpected whether the header comes from a single file (.nii), where Analyze is not allowed
     */
    static NiftiHeader parse(byte[] bytes, int length, Path file, boolean singleFileExpected) throws NiftiFormatException {
        if (length < 4) {
            throw new NiftiFormatException(file, "sizeof_hdr", "truncated header: the file has only " + length
                    + " bytes, a NIfTI header needs 348 or 540");
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int le = bb.getInt(0);
        int be = Integer.reverseBytes(le);
        NiftiHeader h = new NiftiHeader();
        if (le == NIFTI1_SIZE || le == NIFTI2_SIZE) {
            h.bigEndian = false;
            h.sizeofHdr = le;
        } else if (be == NIFTI1_SIZE || be == NIFTI2_SIZE) {
            h.bigEndian = true;
            h.sizeofHdr = be;
            bb.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new NiftiFormatException(file, "sizeof_hdr", "not a NIfTI or Analyze file: sizeof_hdr is " + le
                    + " (little-endian) or " + be + " (big-endian), expected 348 or 540");
        }
        if (length < h.sizeofHdr) {
            throw new NiftiFormatException(file, "header", "truncated header: the file has " + length
                    + " bytes, the " + (h.sizeofHdr == NIFTI1_SIZE ? "NIfTI-1/Analyze" : "NIfTI-2") + " header needs "
                    + h.sizeofHdr);
        }
        if (h.sizeofHdr == NIFTI1_SIZE) {
            parse1(bb, h, file, singleFileExpected);
        } else {
            parse2(bb, h, file);
        }
        validate(h, file);
        return h;
    }

    private static void parse1(ByteBuffer b, NiftiHeader h, Path file, boolean singleFileExpected) throws NiftiFormatException {
        String magic = string(b, 344, 4);
        if (magic.equals("n+1")) {
            h.format = NiftiHeader.Format.NIFTI1;
            h.singleFile = true;
        } else if (magic.equals("ni1")) {
            h.format = NiftiHeader.Format.NIFTI1;
            h.singleFile = false;
        } else if (singleFileExpected) {
            throw new NiftiFormatException(file, "magic", "not a NIfTI-1 file: magic is '" + printable(b, 344, 4)
                    + "', expected 'n+1' (an Analyze header belongs in a .hdr/.img pair)");
        } else {
            h.format = NiftiHeader.Format.ANALYZE;
            h.singleFile = false;
        }
        for (int i = 0; i < 8; i++) {
            h.dim[i] = b.getShort(40 + 2 * i);
        }
        h.datatypeCode = b.getShort(70);
        h.bitpix = b.getShort(72);
        for (int i = 0; i < 8; i++) {
            h.pixdim[i] = b.getFloat(76 + 4 * i);
        }
        h.rawVoxOffset = b.getFloat(108);
        h.sclSlope = b.getFloat(112);
        h.sclInter = b.getFloat(116);
        h.calMax = b.getFloat(124);
        h.calMin = b.getFloat(128);
        h.glmax = b.getInt(140);
        h.glmin = b.getInt(144);
        h.descrip = string(b, 148, 80);
        h.auxFile = string(b, 228, 24);
        if (h.format == NiftiHeader.Format.ANALYZE) {
            // SPM's "originator": three shorts at 253 (unaligned, in the header's byte order).
            for (int i = 0; i < 3; i++) {
                h.origin[i] = b.getShort(253 + 2 * i);
            }
            h.sclInter = 0;
            return;
        }
        h.dimInfo = b.get(39) & 0xff;
        for (int i = 0; i < 3; i++) {
            h.intentP[i] = b.getFloat(56 + 4 * i);
        }
        h.intentCode = b.getShort(68);
        h.sliceStart = b.getShort(74);
        h.sliceEnd = b.getShort(120);
        h.sliceCode = b.get(122) & 0xff;
        h.xyztUnits = b.get(123) & 0xff;
        h.sliceDuration = b.getFloat(132);
        h.toffset = b.getFloat(136);
        h.qformCode = b.getShort(252);
        h.sformCode = b.getShort(254);
        for (int i = 0; i < 3; i++) {
            h.quatern[i] = b.getFloat(256 + 4 * i);
            h.qoffset[i] = b.getFloat(268 + 4 * i);
        }
        for (int i = 0; i < 12; i++) {
            h.srow[i] = b.getFloat(280 + 4 * i);
        }
        h.intentName = string(b, 328, 16);
    }

    private static void parse2(ByteBuffer b, NiftiHeader h, Path file) throws NiftiFormatException {
        String magic = string(b, 4, 4);
        boolean tailOk = true;
        for (int i = 0; i < 4; i++) {
            tailOk &= b.get(8 + i) == MAGIC2_TAIL[i];
        }
        if (magic.equals("n+2") && tailOk) {
            h.singleFile = true;
        } else if (magic.equals("ni2") && tailOk) {
            h.singleFile = false;
        } else {
            throw new NiftiFormatException(file, "magic", "not a NIfTI-2 file: magic is '" + printable(b, 4, 8)
                    + "', expected 'n+2\\0\\r\\n\\032\\n'");
        }
        h.format = NiftiHeader.Format.NIFTI2;
        h.datatypeCode = b.getShort(12);
        h.bitpix = b.getShort(14);
        for (int i = 0; i < 8; i++) {
            h.dim[i] = b.getLong(16 + 8 * i);
        }
        for (int i = 0; i < 3; i++) {
            h.intentP[i] = b.getDouble(80 + 8 * i);
        }
        for (int i = 0; i < 8; i++) {
            h.pixdim[i] = b.getDouble(104 + 8 * i);
        }
        h.rawVoxOffset = b.getLong(168);
        h.sclSlope = b.getDouble(176);
        h.sclInter = b.getDouble(184);
        h.calMax = b.getDouble(192);
        h.calMin = b.getDouble(200);
        h.sliceDuration = b.getDouble(208);
        h.toffset = b.getDouble(216);
        h.sliceStart = b.getLong(224);
        h.sliceEnd = b.getLong(232);
        h.descrip = string(b, 240, 80);
        h.auxFile = string(b, 320, 24);
        h.qformCode = b.getInt(344);
        h.sformCode = b.getInt(348);
        for (int i = 0; i < 3; i++) {
            h.quatern[i] = b.getDouble(352 + 8 * i);
            h.qoffset[i] = b.getDouble(376 + 8 * i);
        }
        for (int i = 0; i < 12; i++) {
            h.srow[i] = b.getDouble(400 + 8 * i);
        }
        h.sliceCode = b.getInt(496);
        h.xyztUnits = b.getInt(500);
        h.intentCode = b.getInt(504);
        h.intentName = string(b, 508, 16);
        h.dimInfo = b.get(524) & 0xff;
    }

    /** Checks shape, datatype, bitpix and offsets; fixes what nibabel fixes (with a warning). */
    private static void validate(NiftiHeader h, Path file) throws NiftiFormatException {
        long rank = h.dim[0];
        if (rank < 1 || rank > 7) {
            throw new NiftiFormatException(file, "dim[0]", "the number of dimensions is " + rank + ", expected 1 to 7");
        }
        long voxels = 1;
        for (int i = 1; i <= rank; i++) {
            if (h.dim[i] <= 0) {
                throw new NiftiFormatException(file, "dim[" + i + "]", "dimension " + i + " has size " + h.dim[i]
                        + "; sizes must be positive");
            }
            try {
                voxels = Math.multiplyExact(voxels, h.dim[i]);
            } catch (ArithmeticException e) {
                throw new NiftiFormatException(file, "dim", "the number of voxels overflows 64 bits (dims "
                        + java.util.Arrays.toString(h.shape()) + ")");
            }
        }
        NiftiDatatype type = NiftiDatatype.ofCode(h.datatypeCode);
        if (type == null) {
            throw new NiftiFormatException(file, "datatype", "unsupported datatype " + NiftiDatatype.unsupportedReason(h.datatypeCode));
        }
        h.datatype = type;
        if (h.bitpix != type.bitpix()) {
            throw new NiftiFormatException(file, "bitpix", "bitpix is " + h.bitpix + " but datatype " + type.label()
                    + " has " + type.bitpix() + " bits per voxel");
        }
        try {
            Math.multiplyExact(voxels, (long) type.bytesPerVoxel());
        } catch (ArithmeticException e) {
            throw new NiftiFormatException(file, "dim", "the data size overflows 64 bits (dims " + java.util.Arrays.toString(h.shape()) + ")");
        }
        double vo = h.rawVoxOffset;
        if (!Double.isFinite(vo) || vo < 0) {
            throw new NiftiFormatException(file, "vox_offset", "vox_offset is " + vo + "; it must be a non-negative byte offset");
        }
        long offset = (long) vo;
        if (offset != vo) {
            h.warnings.add(file + ": vox_offset " + vo + " is not a whole number; using " + offset);
        }
        int minimum = h.sizeofHdr + 4;
        if (h.singleFile && offset < minimum) {
            // nibabel: a single-file offset below the header's end is raised to the end of the header block.
            h.warnings.add(file + ": vox_offset " + offset + " lies inside the header; using " + minimum);
            offset = minimum;
        }
        h.voxOffset = offset;
        if (h.format != NiftiHeader.Format.ANALYZE) {
            h.qformCode = checkXformCode(h, h.qformCode, "qform_code", file);
            h.sformCode = checkXformCode(h, h.sformCode, "sform_code", file);
            // pixdim[0] (qfac) other than -1 is read as 1, as nibabel fixes it on load; many tools write 0.
            if (h.pixdim[0] != 1 && h.pixdim[0] != -1 && h.pixdim[0] != 0 && h.qformCode > 0) {
                h.warnings.add(file + ": pixdim[0] (qfac) is " + h.pixdim[0] + "; using 1");
            }
        }
        fixVoxelSizes(h, file);
        if (h.format != NiftiHeader.Format.ANALYZE && Double.isFinite(h.sclSlope) && h.sclSlope != 0 && !Double.isFinite(h.sclInter)) {
            // nibabel: "Valid slope but invalid intercept"; reading it as 0 would shift every value silently.
            throw new NiftiFormatException(file, "scl_inter", "scl_slope is " + h.sclSlope + " but scl_inter is " + h.sclInter
                    + "; a scaled image needs a finite intercept (nibabel refuses this file too)");
        }
        h.checkAffine(file);
    }

    /**
     * nibabel's fix of pixdim[1..3] on load (AnalyzeHeader._chk_pixdims): a zero voxel size is read
     * as 1 and a negative one as its absolute value, with a warning. A non-finite one is left for
     * the affine checks.
     */
    private static void fixVoxelSizes(NiftiHeader h, Path file) {
        StringBuilder fixed = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            double p = h.pixdim[i];
            if (p == 0 || p < 0) {
                h.pixdim[i] = p == 0 ? 1 : -p;
                fixed.append(fixed.length() == 0 ? "" : ", ").append("pixdim[").append(i).append("] ").append(p)
                        .append(" as ").append(h.pixdim[i]);
            }
        }
        if (fixed.length() > 0) {
            h.warnings.add(file + ": voxel sizes must be positive; reading " + fixed + " (as nibabel does)");
        }
    }

    private static int checkXformCode(NiftiHeader h, int code, String field, Path file) {
        if (code < 0 || code > 5) {
            h.warnings.add(file + ": " + field + " " + code + " is not a NIfTI xform code (0 to 5); reading it as 0");
            return 0;
        }
        return code;
    }

    /**
     * Parses the extensions in {@code block}, the bytes that follow the header: a 4-byte extender,
     * then (when its first byte is non-zero) extensions up to the end of the block.
     */
    static List<NiftiExtension> parseExtensions(byte[] block, int length, boolean bigEndian, Path file) throws NiftiFormatException {
        if (length < 4 || block[0] == 0) {
            return List.of();
        }
        ByteBuffer b = ByteBuffer.wrap(block, 0, length).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        List<NiftiExtension> out = new ArrayList<>();
        int pos = 4;
        while (length - pos >= 16) {
            int esize = b.getInt(pos);
            int ecode = b.getInt(pos + 4);
            String field = "extension " + out.size() + " esize";
            if (esize < 16) {
                throw new NiftiFormatException(file, field, "extension size is " + esize + "; it must be at least 16");
            }
            if (esize > length - pos) {
                throw new NiftiFormatException(file, field, "extension of " + esize + " bytes at byte " + (pos + 0)
                        + " of the extension block runs past vox_offset (" + (length - pos) + " bytes left)");
            }
            byte[] content = new byte[esize - 8];
            System.arraycopy(block, pos + 8, content, 0, content.length);
            out.add(new NiftiExtension(ecode, content));
            pos += esize;
        }
        return List.copyOf(out);
    }

    /** Encodes a header (NIfTI-1 or NIfTI-2, as {@code h.format} says) followed by the extender and extensions. */
    static byte[] encode(NiftiHeader h) {
        boolean two = h.format == NiftiHeader.Format.NIFTI2;
        int size = two ? NIFTI2_SIZE : NIFTI1_SIZE;
        int extBytes = 0;
        for (NiftiExtension e : h.extensions) {
            extBytes += e.sizeOnDisk();
        }
        ByteBuffer b = ByteBuffer.allocate(size + 4 + extBytes).order(h.bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, size);
        if (two) {
            put(b, 4, h.singleFile ? "n+2" : "ni2", 4);
            for (int i = 0; i < 4; i++) {
                b.put(8 + i, MAGIC2_TAIL[i]);
            }
            b.putShort(12, (short) h.datatype.code());
            b.putShort(14, (short) h.datatype.bitpix());
            for (int i = 0; i < 8; i++) {
                b.putLong(16 + 8 * i, h.dim[i]);
            }
            for (int i = 0; i < 3; i++) {
                b.putDouble(80 + 8 * i, h.intentP[i]);
            }
            for (int i = 0; i < 8; i++) {
                b.putDouble(104 + 8 * i, h.pixdim[i]);
            }
            b.putLong(168, h.voxOffset);
            b.putDouble(176, h.sclSlope);
            b.putDouble(184, h.sclInter);
            b.putDouble(192, h.calMax);
            b.putDouble(200, h.calMin);
            b.putDouble(208, h.sliceDuration);
            b.putDouble(216, h.toffset);
            b.putLong(224, h.sliceStart);
            b.putLong(232, h.sliceEnd);
            put(b, 240, h.descrip, 80);
            put(b, 320, h.auxFile, 24);
            b.putInt(344, h.qformCode);
            b.putInt(348, h.sformCode);
            for (int i = 0; i < 3; i++) {
                b.putDouble(352 + 8 * i, h.quatern[i]);
                b.putDouble(376 + 8 * i, h.qoffset[i]);
            }
            for (int i = 0; i < 12; i++) {
                b.putDouble(400 + 8 * i, h.srow[i]);
            }
            b.putInt(496, h.sliceCode);
            b.putInt(500, h.xyztUnits);
            b.putInt(504, h.intentCode);
            put(b, 508, h.intentName, 16);
            b.put(524, (byte) h.dimInfo);
        } else {
            b.put(38, (byte) 'r'); // "regular", as Analyze readers expect
            b.put(39, (byte) h.dimInfo);
            for (int i = 0; i < 8; i++) {
                b.putShort(40 + 2 * i, (short) h.dim[i]);
            }
            for (int i = 0; i < 3; i++) {
                b.putFloat(56 + 4 * i, (float) h.intentP[i]);
            }
            b.putShort(68, (short) h.intentCode);
            b.putShort(70, (short) h.datatype.code());
            b.putShort(72, (short) h.datatype.bitpix());
            b.putShort(74, (short) h.sliceStart);
            for (int i = 0; i < 8; i++) {
                b.putFloat(76 + 4 * i, (float) h.pixdim[i]);
            }
            b.putFloat(108, h.voxOffset);
            b.putFloat(112, (float) h.sclSlope);
            b.putFloat(116, (float) h.sclInter);
            b.putShort(120, (short) h.sliceEnd);
            b.put(122, (byte) h.sliceCode);
            b.put(123, (byte) h.xyztUnits);
            b.putFloat(124, (float) h.calMax);
            b.putFloat(128, (float) h.calMin);
            b.putFloat(132, (float) h.sliceDuration);
            b.putFloat(136, (float) h.toffset);
            put(b, 148, h.descrip, 80);
            put(b, 228, h.auxFile, 24);
            b.putShort(252, (short) h.qformCode);
            b.putShort(254, (short) h.sformCode);
            for (int i = 0; i < 3; i++) {
                b.putFloat(256 + 4 * i, (float) h.quatern[i]);
                b.putFloat(268 + 4 * i, (float) h.qoffset[i]);
            }
            for (int i = 0; i < 12; i++) {
                b.putFloat(280 + 4 * i, (float) h.srow[i]);
            }
            put(b, 328, h.intentName, 16);
            put(b, 344, h.singleFile ? "n+1" : "ni1", 4);
        }
        if (!h.extensions.isEmpty()) {
            b.put(size, (byte) 1);
            int pos = size + 4;
            for (NiftiExtension e : h.extensions) {
                b.putInt(pos, e.sizeOnDisk());
                b.putInt(pos + 4, e.code());
                b.put(pos + 8, e.rawContent());
                pos += e.sizeOnDisk();
            }
        }
        return b.array();
    }

    /** A fixed-width text field: bytes up to the last non-NUL (numpy's S-dtype rule), as Latin-1. */
    private static String string(ByteBuffer b, int offset, int width) {
        int end = width;
        while (end > 0 && b.get(offset + end - 1) == 0) {
            end--;
        }
        byte[] s = new byte[end];
        b.get(offset, s);
        return new String(s, StandardCharsets.ISO_8859_1);
    }

    private static String printable(ByteBuffer b, int offset, int width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width; i++) {
            int c = b.get(offset + i) & 0xff;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }

    private static void put(ByteBuffer b, int offset, String s, int width) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < Math.min(bytes.length, width); i++) {
            b.put(offset + i, bytes[i]);
        }
    }
}
