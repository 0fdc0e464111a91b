package org.gyrus.io.nodes;

import java.nio.file.Path;

import org.gyrus.data.Table;
import org.gyrus.data.TableWriter;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The "Write Table" node: a table to CSV or TSV, through the one table writer {@link TableWriter}. */
@Component(service = NodeType.class)
public final class WriteTableNode implements NodeType {

    /** The node's parameters. */
    public static final class Parameters {
        /** The output file. */
        @Parameter(label = "File", description = "A .csv file, or .tsv for tab-separated", style = "save")
        public Path file;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.io.write-table", "1.0.0")
            .name("Write Table")
            .category("Input/Output")
            .documentation("Writes a table as CSV or TSV (UTF-8, RFC 4180 quoting where needed, missing cells empty), atomically.")
            .input("table", Table.class, "The table to write")
            .output("file", Path.class, "The file written")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) throws Exception {
        Path file = Nodes.required(context.parameters(Parameters.class).file, "File");
        TableWriter.forFile(file).write(context.input("table", Table.class), file);
        context.output("file", file);
        context.progress(1);
    }
}
