package org.gyrus.io.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.VolumeSetSpec;
import org.gyrus.data.VolumeSpec;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.io.nifti.NiftiWriter;
import org.gyrus.io.table.CsvReader;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineSpecs;
import org.gyrus.pipeline.PipelineValidator;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.pipeline.ValidationError;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec steps of the I/O nodes: a table's header and a volume's grid read before running. */
class SpecStepTest {

    @TempDir
    Path dir;

    /** Volumes of 4 × 4 × 2 voxels (spec only; never run here). */
    static final class Volumes implements NodeType {
        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("test.volumes", "1.0.0").output("volumes", VolumeSet.class, "").build();
        }

        @Override
        public void configure(SpecContext context) {
            context.output("volumes", new VolumeSetSpec(new VolumeSpec(new long[] {4, 4, 2}, new Matrix4d())));
        }

        @Override
        public void execute(NodeContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private final PipelineValidator validator;

    SpecStepTest() {
        NodeRegistry r = new NodeRegistry();
        for (NodeType t : List.of(new ReadTableNode(), new ReadVolumeNode(), new VolumesToFeaturesNode(), new FeaturesToVolumeNode(),
                new Volumes())) {
            r.add(t, "org.gyrus.io", "0.1.0");
        }
        validator = new PipelineValidator(r);
    }

    private static Pipeline read(Path file, Map<String, Object> more) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(more);
        p.put("file", file.toString());
        return Pipeline.named("read").withNode(Pipeline.Node.of("read", "org.gyrus.io.read-table", "1.0.0", p));
    }

    @Test
    void theHeaderGivesColumnsAndRolesAndMisspeltNamesAreReported() throws Exception {
        Path csv = dir.resolve("clinical.csv");
        Files.writeString(csv, "\uFEFFsubject,age,\"sex, reported\",group\nsub-1,31,F,a\nsub-2,40,M,b\n");
        PipelineSpecs specs = validator.specs(read(csv, Map.of("idColumn", "subject", "labelColumn", "group",
                "categoricalColumns", "group")), Map.of());
        assertEquals(List.of(), specs.errors());
        TableSpec spec = (TableSpec) specs.output("read", "table").orElseThrow();
        Table actual = CsvReader.csv().role("subject", ColumnRole.ID).role("group", ColumnRole.LABEL).read(csv);
        assertEquals(actual.columnNames(), spec.columnNames());
        assertEquals(List.of(new ColumnSpec("subject", null, ColumnRole.ID), new ColumnSpec("age", null, ColumnRole.FEATURE),
                new ColumnSpec("sex, reported", null, ColumnRole.FEATURE),
                new ColumnSpec("group", ColumnSpec.Kind.CATEGORICAL, ColumnRole.LABEL)), spec.columns());
        // A name with a comma cannot be listed in a comma-separated parameter: the run would fail, validation says so.
        assertEquals(List.of("parameters.textColumns"), validator.validate(read(csv, Map.of("textColumns", "sex, reported")), Map.of())
                .stream().map(ValidationError::field).toList());

        List<ValidationError> errors = validator.validate(read(csv, Map.of("idColumn", "subjet", "numericColumns", "age,weight")),
                Map.of());
        assertEquals(List.of("parameters.numericColumns", "parameters.idColumn"), errors.stream().map(ValidationError::field).toList());
        assertEquals(csv + " has no column 'subjet'; its columns are [subject, age, sex, reported, group]", errors.get(1).message());
    }

    @Test
    void aFileNotThereOrNotReadableHereLeavesTheSpecUnknown() throws Exception {
        assertEquals(List.of(), validator.validate(read(dir.resolve("later.csv"), Map.of("idColumn", "x")), Map.of()));
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "Gr\u00f6\u00dfe,id\n1,a\n".getBytes(StandardCharsets.ISO_8859_1));
        PipelineSpecs specs = validator.specs(read(latin1, Map.of("idColumn", "Gr\u00f6\u00dfe")), Map.of());
        assertEquals(List.of(), specs.errors());
        assertTrue(specs.output("read", "table").isEmpty());
    }

    @Test
    void aVolumeHeaderGivesItsGridAndAMaskOnAnotherGridIsReported() throws Exception {
        Matrix4d affine = new Matrix4d().translation(-10, 5, 2).scale(2, 2, 3);
        Path nii = dir.resolve("mask.nii.gz");
        NiftiWriter.nifti1().write(Volume.builder(new float[36], 3, 3, 4).affine(affine, org.gyrus.data.XformCode.SCANNER_ANAT).build(), nii);
        Pipeline p = Pipeline.named("grid")
                .withNode(Pipeline.Node.of("mask", "org.gyrus.io.read-volume", "1.0.0", Map.of("file", nii.toString())))
                .withNode(Pipeline.Node.of("volumes", "test.volumes", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("features", "org.gyrus.io.volumes-to-features", "1.0.0", Map.of()))
                .withEdge("volumes", "volumes", "features", "volumes").withEdge("mask", "volume", "features", "mask");
        PipelineSpecs specs = validator.specs(p, Map.of());
        assertEquals(VolumeSpec.of(NiftiReader.read(nii)), specs.output("mask", "volume").orElseThrow());
        assertEquals(List.of("features:inputs.mask"), specs.errors().stream().map(e -> e.node() + ":" + e.field()).toList());
        assertEquals("the mask is not on the volumes' grid: the grids differ: [3, 3, 4] voxels against [4, 4, 2]",
                specs.errors().get(0).message());
    }
}
