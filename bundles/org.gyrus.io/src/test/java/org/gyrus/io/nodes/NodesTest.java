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
        @Override public System.Logger logger() { return System.getLogger("test"); }
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
