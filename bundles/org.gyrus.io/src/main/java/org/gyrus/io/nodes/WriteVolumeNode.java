package org.gyrus.io.nodes;

import java.nio.file.Path;

import org.gyrus.data.Volume;
import org.gyrus.io.nifti.NiftiDatatype;
import org.gyrus.io.nifti.NiftiMetadata;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.io.nifti.NiftiWriter;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The "Write Volume" node: a volume to NIfTI-1 or NIfTI-2, through {@link NiftiWriter}. */
@Component(service = NodeType.class)
public final class WriteVolumeNode implements NodeType {

    /** The node's parameters. */
    public static final class Parameters {
        /** The output file. */
        @Parameter(label = "File", description = "The name says the form: .nii, .nii.gz, .hdr (pair) or .hdr.gz", style = "save")
        public Path file;
        /** The header layout. */
        @Parameter(label = "Format", description = "NIFTI1, or NIFTI2 for dimensions over 32767")
        public NiftiWriter.Format format = NiftiWriter.Format.NIFTI1;
        /** The stored type. */
        @Parameter(label = "Datatype", description = "auto keeps the volume's type; an integer type for float data is scaled "
                + "with scl_slope/scl_inter", choices = {"auto", "uint8", "int8", "int16", "uint16", "int32", "uint32", "int64",
                "uint64", "float32", "float64"})
        public String datatype = "auto";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.io.write-volume", "1.0.0")
            .name("Write Volume")
            .category("Input/Output")
            .documentation("""
                    Writes a volume as NIfTI (.nii, .nii.gz or a .hdr/.img pair), atomically. The affine goes into \
                    both the sform and the qform with the volume's code; header fields and extensions kept from \
                    reading are written back. The file carries the pipeline and variable values of the run in a \
                    comment extension (code 6), so that it leads back to its analysis (docs/pipeline-stamps.md).""")
            .input("volume", Volume.class, "The volume to write")
            .output("file", Path.class, "The file written")
            .parameters(Parameters.class)
            .files("file", NiftiReader::files)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) throws Exception {
        Parameters p = context.parameters(Parameters.class);
        Path file = Nodes.required(p.file, "File");
        NiftiWriter w = p.format == NiftiWriter.Format.NIFTI2 ? NiftiWriter.nifti2() : NiftiWriter.nifti1();
        if (p.datatype != null && !p.datatype.equals("auto")) {
            NiftiDatatype t = NiftiDatatype.ofLabel(p.datatype);
            if (t == null) {
                throw new IllegalArgumentException("Unknown datatype '" + p.datatype + "'");
            }
            w = w.datatype(t);
        }
        Volume volume = context.input("volume", Volume.class);
        // The run's stamp replaces any the volume brought from the file it was read from.
        w = w.extensions(NiftiOriginStamp.restamped(NiftiMetadata.extensions(volume.metadata()), context.origin()));
        w.write(volume, file);
        context.output("file", file);
        context.progress(1);
    }
}
