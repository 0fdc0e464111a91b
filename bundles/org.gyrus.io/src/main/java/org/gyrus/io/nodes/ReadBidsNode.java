package org.gyrus.io.nodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.gyrus.data.Table;
import org.gyrus.data.VolumeSet;
import org.gyrus.io.bids.BidsDataset;
import org.gyrus.io.bids.BidsReader;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The "Read BIDS Dataset" node: a BIDS folder to a subjects table and lazily loaded volumes. */
@Component(service = NodeType.class)
public final class ReadBidsNode implements NodeType {

    /** The node's parameters. */
    public static final class Parameters {
        /** The dataset folder. */
        @Parameter(label = "Dataset folder", description = "The folder holding dataset_description.json", style = "directory")
        public Path folder;
        /** Which images become the volumes output. */
        @Parameter(label = "Images", description = "The file column whose images are output, such as anat/T1w; "
                + "empty for the first anat column (or the first column)", required = false)
        public String images = "";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.io.read-bids", "1.0.0")
            .name("Read BIDS Dataset")
            .category("Input/Output")
            .documentation("""
                    Reads a BIDS dataset: participants.tsv and the sub-*/[ses-*/]{anat,func,dwi,fmap,perf} images. \
                    The subjects table has one row per subject (and session), the participants columns and one \
                    column of file paths per kind of image (anat/T1w, func/task-rest_bold ...). The volumes of the \
                    chosen kind load lazily, one subject at a time, with their sidecar JSON in the metadata.""")
            .output("subjects", Table.class, "One row per subject (and session), with file columns")
            .output("volumes", VolumeSet.class, "The chosen images, keyed by the row id")
            .parameters(Parameters.class)
            .files("folder", ReadBidsNode::filesRead)
            .build();

    /**
     * The files of a dataset that the reader reads, now or when a volume loads: the top-level
     * files (dataset_description.json, participants.tsv, inherited sidecars) and everything under
     * the {@code sub-*} folders; not derivatives/, sourcedata/ or code/.
     */
    static List<Path> filesRead(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(folder)) {
            for (Path p : top.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                } else if (Files.isDirectory(p) && p.getFileName().toString().startsWith("sub-")) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(Files::isRegularFile).sorted().forEach(files::add);
                    }
                }
            }
        }
        return files;
    }

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) throws Exception {
        Parameters p = context.parameters(Parameters.class);
        BidsDataset ds = BidsReader.read(Nodes.inputFolder(p.folder, "Dataset folder"));
        context.output("subjects", ds.subjects());
        String column = p.images == null || p.images.isBlank() ? ds.fileColumns().stream().filter(c -> c.startsWith("anat/"))
                .findFirst().orElse(ds.fileColumns().isEmpty() ? null : ds.fileColumns().get(0)) : p.images.strip();
        if (column == null) {
            throw new IllegalArgumentException("The dataset " + p.folder + " has no NIfTI images");
        }
        context.output("volumes", ds.volumes(column));
        context.progress(1);
    }
}
