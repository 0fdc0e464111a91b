package org.gyrus.io.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.ParameterValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node components run with a plain context, as the engine would run them. */
class NodesTest {

    @TempDir
    Path dir;

    /** A minimal context: given inputs and parameter values, collected outputs. */
    static final class Context implements NodeContext {
        final NodeType node;
        final Map<String, Object> inputs = new HashMap<>();
        final Map<String, Object> outputs = new HashMap<>();
        final ParameterValues params;
        final List<String> logged = new java.util.ArrayList<>();

        Context(NodeType node, Map<String, ?> params) {
            this.node = node;
            this.params = ParameterValues.resolve(node.descriptor().parameters(), params);
        }

        Context in(String port, Object v) {
            inputs.put(port, v);
            return this;
        }

        Context run() throws Exception {
            node.execute(this);
            return this;
        }

        @Override public String nodeId() { return node.descriptor().id(); }
        @Override public <T> T input(String port, Class<T> type) { return type.cast(inputs.get(port)); }
        @Override public <T> Optional<T> optionalInput(String port, Class<T> type) { return Optional.ofNullable(type.cast(inputs.get(port))); }
        @Override public void output(String port, Object value) {
            assertTrue(node.descriptor().output(port).isPresent(), "declared output " + port);
            outputs.put(port, value);
        }
        @Override public ParameterValues parameters() { return params; }
        @Override public void progress(double fraction) { }
        @Override public boolean isCancelled() { return false; }
        @Override public System.Logger logger() {
            return new System.Logger() {
                @Override public String getName() { return "test"; }
                @Override public boolean isLoggable(Level level) { return true; }
                @Override public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) { logged.add(level + " " + msg); }
                @Override public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
                    logged.add(level + " " + java.text.MessageFormat.format(format, params));
                }
            };
        }
        @Override public long seed() { return 1; }
        @Override public int threads() { return 1; }
        @Override public Path scratchDirectory() { return Path.of(System.getProperty("java.io.tmpdir")); }
    }

    @Test
    void readAndWriteVolume() throws Exception {
        Context r = new Context(new ReadVolumeNode(), Map.of("file", "testdata/nifti/example4d.nii.gz", "type", "FLOAT32")).run();
        Volume v = (Volume) r.outputs.get("volume");
        assertArrayEquals(new long[] {128, 96, 24, 2}, v.dimensions());
        Path out = dir.resolve("out.nii.gz");
        new Context(new WriteVolumeNode(), Map.of("file", out.toString(), "datatype", "int16")).in("volume", v).run();
        assertEquals("int16", NiftiReader.readHeader(out).datatype().label());
        assertArrayEquals(v.toFloatArray(), NiftiReader.read(out).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> new Context(new ReadVolumeNode(), Map.of()).run());
    }

    @Test
    void readAndWriteTable() throws Exception {
        Context r = new Context(new ReadTableNode(), Map.of("file", "testdata/tabular/penguins.csv", "labelColumn", "species",
                "groupColumns", "island", "categoricalColumns", "year")).run();
        Table t = (Table) r.outputs.get("table");
        assertEquals(ColumnRole.LABEL, t.column("species").role());
        assertEquals(ColumnRole.GROUP, t.column("island").role());
        assertEquals(List.of("2007", "2008", "2009"), t.categorical("year").levels());
        Path out = dir.resolve("p.tsv");
        new Context(new WriteTableNode(), Map.of("file", out.toString())).in("table", t).run();
        assertTrue(Files.readString(out).startsWith("species\tisland\t"));
    }

    @Test
    void bidsToFeaturesAndBack() throws Exception {
        Files.writeString(dir.resolve("dataset_description.json"), "{\"Name\": \"n\", \"BIDSVersion\": \"1.8.0\"}");
        Volume src = NiftiReader.read(Path.of("testdata/nifti/anatomical.nii"));
        for (String s : List.of("01", "02", "03")) {
            Path p = dir.resolve("sub-" + s + "/anat/sub-" + s + "_T1w.nii.gz");
            Files.createDirectories(p.getParent());
            org.gyrus.io.nifti.NiftiWriter.nifti1().write(src, p);
        }
        Context bids = new Context(new ReadBidsNode(), Map.of("folder", dir.toString())).run();
        VolumeSet vs = (VolumeSet) bids.outputs.get("volumes");
        assertEquals(List.of("sub-01", "sub-02", "sub-03"), vs.ids());
        assertEquals(3, ((Table) bids.outputs.get("subjects")).rowCount());
        Context f = new Context(new VolumesToFeaturesNode(), Map.of("mode", "THRESHOLD", "threshold", 5000.0)).in("volumes", vs).run();
        FeatureMatrix fm = (FeatureMatrix) f.outputs.get("features");
        Volume mask = (Volume) f.outputs.get("mask");
        assertEquals(3, fm.rows());
        float[] orig = src.toFloatArray();
        int inside = 0;
        for (float x : orig) {
            inside += x > 5000 ? 1 : 0;
        }
        assertEquals(inside, fm.cols());
        Context back = new Context(new FeaturesToVolumeNode(), Map.of()).in("features", fm).in("mask", mask).run();
        float[] rec = ((Volume) back.outputs.get("volume")).toFloatArray();
        for (int i = 0; i < orig.length; i++) {
            assertEquals(orig[i] > 5000 ? orig[i] : 0f, rec[i]);
        }
        Context otsu = new Context(new VolumesToFeaturesNode(), Map.of()).in("volumes", vs).run();
        assertTrue(((FeatureMatrix) otsu.outputs.get("features")).cols() > 0);
    }

    @Test
    void readTableEncodingParameter() throws Exception {
        Path p = dir.resolve("latin1.csv");
        Files.write(p, "id,city\n1,Z\u00fcrich\n2,Bern\n".getBytes(StandardCharsets.ISO_8859_1));
        Exception e = assertThrows(org.gyrus.io.table.CsvFormatException.class,
                () -> new Context(new ReadTableNode(), Map.of("file", p.toString())).run());
        assertTrue(e.getMessage().contains("line 2, column 'city'") && e.getMessage().contains("Encoding"), e.getMessage());
        Context latin = new Context(new ReadTableNode(), Map.of("file", p.toString(), "encoding", "Latin-1")).run();
        assertEquals("Z\u00fcrich", ((Table) latin.outputs.get("table")).column("city").format(0));
        Path w = dir.resolve("cp1252.csv");
        Files.write(w, new byte[] {'p', '\n', (byte) 0x80, '5', '\n'});
        Context cp = new Context(new ReadTableNode(), Map.of("file", w.toString(), "encoding", "Windows-1252")).run();
        assertEquals("\u20ac5", ((Table) cp.outputs.get("table")).column("p").format(0));
        Context l1 = new Context(new ReadTableNode(), Map.of("file", w.toString(), "encoding", "Latin-1")).run();
        assertEquals("\u00805", ((Table) l1.outputs.get("table")).column("p").format(0), "the encoding changes the result");
    }

    @Test
    void readNodesNameTheParameterOfABadFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("data.csv"));
        Exception e = assertThrows(java.nio.file.FileSystemException.class,
                () -> new Context(new ReadTableNode(), Map.of("file", folder.toString())).run());
        assertEquals(folder + ": is a folder, not a file (given by the parameter 'File')", e.getMessage());
        Path missing = dir.resolve("missing.nii.gz");
        e = assertThrows(java.nio.file.NoSuchFileException.class,
                () -> new Context(new ReadVolumeNode(), Map.of("file", missing.toString())).run());
        assertEquals(missing + ": no such file (given by the parameter 'File')", e.getMessage());
    }

    @Test
    void readBidsNamesTheParameterOfABadFolder() throws Exception {
        Path missing = dir.resolve("no-dataset");
        Exception e = assertThrows(java.nio.file.NoSuchFileException.class,
                () -> new Context(new ReadBidsNode(), Map.of("folder", missing.toString())).run());
        assertEquals(missing + ": no such folder (given by the parameter 'Dataset folder')", e.getMessage());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        e = assertThrows(java.nio.file.FileSystemException.class, () -> new Context(new ReadBidsNode(), Map.of("folder", file.toString())).run());
        assertEquals(file + ": is a file, not a folder (given by the parameter 'Dataset folder')", e.getMessage());
    }

    /**
     * gyrus info and Read Volume (default voxel type) load exactly the same files and refuse the
     * others with the same message: one read, one memory check.
     */
    @Test
    void infoAndReadVolumeAgreeOnWhatLoads() throws Exception {
        Path huge = dir.resolve("huge.nii.gz");
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(352).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 348).putShort(40, (short) 3).putShort(42, (short) 32767).putShort(44, (short) 32767).putShort(46, (short) 32767);
        h.putShort(70, (short) 2).putShort(72, (short) 8).putFloat(108, 352f);
        for (int i = 0; i < 8; i++) {
            h.putFloat(76 + 4 * i, 1f);
        }
        h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(h.array());
        }
        Files.write(huge, gz.toByteArray());
        List<String> files = List.of("testdata/nifti/standard.nii.gz", "testdata/nifti/anatomical.nii", huge.toString(),
                "testdata/nifti-geometry/pixdim-nan-no-xforms.nii", "testdata/nifti-geometry/scl-inter-nan.nii",
                "testdata/nifti-geometry/quatern-not-unit-no-sform.nii", "testdata/nifti/not-nifti.nii");
        for (String f : files) {
            String nodeError = null;
            try {
                new Context(new ReadVolumeNode(), Map.of("file", f)).run();
            } catch (java.io.IOException e) {
                nodeError = e.getMessage();
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new InfoCommand().run(List.of(f), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            String infoError = err.toString(StandardCharsets.UTF_8).strip();
            if (nodeError == null) {
                assertEquals(0, code, f + ": " + infoError);
            } else {
                assertEquals(3, code, f);
                assertEquals("gyrus info: " + nodeError, infoError);
            }
        }
        // The memory gyrus info reports is what Read Volume allocates: one byte per voxel for this uint8 image.
        com.fasterxml.jackson.databind.JsonNode info = org.gyrus.io.info.VolumeInfo.describe(Path.of("testdata/nifti-geometry/srow-nan-qform-ok.nii"));
        assertEquals(24 * 2, info.get("memory_bytes").asLong(), "int16: 2 bytes a voxel, not float64's 8");
    }

    @Test
    void readVolumeLogsTheGeometryFallback() throws Exception {
        Path file = Path.of("testdata/nifti-geometry/srow-nan-qform-ok.nii");
        Context r = new Context(new ReadVolumeNode(), Map.of("file", file.toString())).run();
        assertTrue(r.logged.stream().anyMatch(m -> m.startsWith("WARNING") && m.contains("the sform (sform_code 1) is not usable")
                && m.contains("srow_x[0] is NaN") && m.contains("using the qform")), r.logged.toString());
        assertEquals(org.gyrus.data.XformCode.of(1), ((Volume) r.outputs.get("volume")).xformCode());
    }

    @Test
    void aMaskOfTheSameShapeOnAnotherGridIsRefused() throws Exception {
        Volume src = NiftiReader.read(Path.of("testdata/nifti/anatomical.nii"));
        VolumeSet vs = VolumeSet.of(Map.of("sub-01", src));
        // The same voxels, 4 mm further along x in the world: a mask made for another scan.
        Volume shifted = src.toBuilder(src.image()).affine(new org.joml.Matrix4d(src.affine()).translateLocal(4, 0, 0), src.xformCode())
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Context(new VolumesToFeaturesNode(), Map.of()).in("volumes", vs).in("mask", shifted).run());
        assertTrue(e.getMessage().startsWith("Volume 'sub-01' (input 'volumes') has the shape of the mask (input 'mask') but lies on "
                + "another grid"), e.getMessage());
        // On the volumes' own grid the same mask is accepted.
        Context ok = new Context(new VolumesToFeaturesNode(), Map.of()).in("volumes", vs).in("mask", src).run();
        assertTrue(((FeatureMatrix) ok.outputs.get("features")).cols() > 0);
    }

    @Test
    void infoSubcommand() {
        InfoCommand c = new InfoCommand();
        assertEquals("info", c.name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = c.run(List.of("--json", "testdata/nifti/standard.nii.gz"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"shape\":[4,5,7]"), out.toString(StandardCharsets.UTF_8));
    }
}
