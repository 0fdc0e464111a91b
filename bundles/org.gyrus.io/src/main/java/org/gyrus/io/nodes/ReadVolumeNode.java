package org.gyrus.io.nodes;

import java.nio.file.Path;

import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSpec;
import org.gyrus.io.nifti.NiftiHeader;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The "Read Volume" node: one NIfTI-1/2 or Analyze image, through {@link NiftiReader}. */
@Component(service = NodeType.class)
public final class ReadVolumeNode implements NodeType {

    /** The node's parameters. */
    public static final class Parameters {
        /** The image file. */
        @Parameter(label = "File", description = "A .nii, .nii.gz, .hdr or .img file", style = "open")
        public Path file;
        /** The voxel type in memory. */
        @Parameter(label = "Voxel type", description = "NATIVE keeps the stored type (scaled data become float32); "
                + "FLOAT32 or FLOAT64 convert everything")
        public NiftiReader.OutputType type = NiftiReader.OutputType.NATIVE;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.io.read-volume", "1.0.0")
            .name("Read Volume")
            .category("Input/Output")
            .documentation("""
                    Reads a NIfTI-1, NIfTI-2 or Analyze 7.5 image (.nii, .nii.gz, .hdr/.img pairs, gzipped or not). \
                    The affine is chosen as nibabel does (sform if its code is positive, else qform, else from the \
                    voxel sizes), skipping an xform with NaN, infinite or non-rotation values with a warning in the \
                    log, and refusing a file left with no finite affine; scl_slope/scl_inter are applied; header fields and extensions are kept in the \
                    volume's metadata so Write Volume can write them back.""")
            .output("volume", Volume.class, "The image")
            .parameters(Parameters.class)
            .files("file", Nodes.regularFiles(NiftiReader::files))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** The grid from the file's header (shape and the affine chosen as the reader chooses it); unknown if it cannot be read here. */
    @Override
    public void configure(SpecContext context) {
        Path file = context.parameters(Parameters.class).file;
        if (file == null || !java.nio.file.Files.isRegularFile(file)) {
            return;
        }
        try {
            NiftiHeader h = NiftiReader.readHeader(file);
            context.output("volume", new VolumeSpec(h.shape(), h.bestAffine()));
        } catch (java.io.IOException | RuntimeException e) {
            // The run reads the file and says what is wrong with it.
        }
    }

    @Override
    public void execute(NodeContext context) throws Exception {
        Parameters p = context.parameters(Parameters.class);
        Volume v = NiftiReader.read(Nodes.inputFile(p.file, "File"), p.type);
        v.metadata().entrySet().stream().filter(e -> e.getKey().startsWith("nifti.warning."))
                .forEach(e -> context.logger().log(System.Logger.Level.WARNING, e.getValue()));
        context.output("volume", v);
        context.progress(1);
    }
}
